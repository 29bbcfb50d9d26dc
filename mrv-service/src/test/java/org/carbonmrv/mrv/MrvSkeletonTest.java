package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class MrvSkeletonTest {

    @Test
    void healthOpenApiAndOwnSchema() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/info"));
        given().get("/api/v1/info").then().statusCode(200).body("schema", equalTo("mrv"))
                .body("service", equalTo("mrv-service"));
    }
}
