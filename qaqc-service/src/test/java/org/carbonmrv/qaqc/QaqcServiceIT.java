package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged artifact (jar, or native binary under -Pnative): migrations, default config, health. */
@QuarkusIntegrationTest
@WithTestResource(IngestServiceTestResource.class)
class QaqcServiceIT {

    @Test
    void startsWithItsDefaultConfiguration() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/v1/config").then().statusCode(200).body("version", greaterThanOrEqualTo(1));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("qaqc-service API"));
    }
}
