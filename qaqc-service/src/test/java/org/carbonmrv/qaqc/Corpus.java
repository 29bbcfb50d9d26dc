package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;

import org.carbonmrv.devstack.SampleCorpus;

import io.restassured.path.json.JsonPath;

/** JSON reads of the qaqc-service under test (the corpus itself: {@link SampleCorpus}). */
public final class Corpus {

    private Corpus() {
    }

    /** GET a JSON resource of the qaqc-service under test, numbers as doubles. */
    public static JsonPath json(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath(SampleCorpus.DOUBLES);
    }
}
