package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.carbonmrv.devstack.ParameterChecks;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Health, OpenAPI and the layout profile API. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class ApiContractTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    @Test
    void healthIsUpWithTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/uploads"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/uploads/{id}/file"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/plants/{plant}/operations"))
                // the upload's form, read by the service itself, is still described (Swagger UI offers a file picker)
                .body("paths.'/api/v1/uploads'.post.requestBody.content.'multipart/form-data'.schema.'$ref'",
                        equalTo("#/components/schemas/UploadForm"))
                .body("components.schemas.UploadForm.properties.file.format", equalTo("binary"))
                .body("components.schemas.UploadForm.properties", org.hamcrest.Matchers.hasKey("plant"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void layoutsAreDataWithVersions() {
        given().get("/api/v1/layouts").then().statusCode(200)
                .body("id", hasItems("lab-calcium", "sensor-ph", "ops-operator-daily", "ops-mpor"))
                .body("find { it.id == 'ops-mpor' }.definition.generated_at_cell.cell", equalTo("A4"));
        // a new plant's lab export with other column names: configuration, not code
        Map<String, Object> def = Map.of("description", "PLANT_C lab", "detect",
                Map.of("required_headers", java.util.List.of("sample_id", "site", "ca")), "columns",
                Map.of("plant", "plant", "sample_date", "day", "point", "site", "parameter", "analyte", "value", "ca",
                        "unit", "unit"),
                "required_fields", java.util.List.of("sample_date", "point", "parameter", "value"), "date_formats",
                java.util.List.of("d.M.yyyy"));
        given().contentType(ContentType.JSON).body(Map.of("record_type", "lab", "format", "csv", "definition", def))
                .put("/api/v1/layouts/plant-c-lab").then().statusCode(201).body("version", equalTo(1));
        given().multiPart("file", "c.csv", ("sample_id,day,site,analyte,ca,unit,plant\n"
                + "s1,2.7.2024,primary_clarifier,calcium,41.5,mg/L,PLANT_C\n").getBytes()).post("/api/v1/uploads")
                .then().statusCode(201).body("kind", equalTo("plant-c-lab")).body("plant", equalTo("PLANT_C"));
        given().get("/api/v1/plants/PLANT_C/lab-readings").then().statusCode(200)
                .body("items[0].sample_date", equalTo("2024-07-02")).body("items[0].metadata.sample_id",
                        equalTo("s1"));
        given().contentType(ContentType.JSON).body(Map.of("record_type", "lab", "format", "csv", "definition", def))
                .put("/api/v1/layouts/plant-c-lab").then().statusCode(201).body("version", equalTo(2));
        given().get("/api/v1/layouts/plant-c-lab").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void invalidLayoutIs400WithTheField() {
        given().contentType(ContentType.JSON).body(Map.of("record_type", "lab", "format", "csv"))
                .put("/api/v1/layouts/broken").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems(containsString("definition")));
        given().get("/api/v1/layouts/none").then().statusCode(404).body("title", notNullValue());
    }

    @Test
    void everyTypedParameterRefusesABadValueWith400NamingIt() {
        org.junit.jupiter.api.Assertions.assertTrue(ParameterChecks.check() >= 8);
    }
}
