package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.nio.file.Path;

import org.carbonmrv.devstack.SampleCorpus;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** The sample corpus uploaded through the real ingest-service, and JSON reads of the qaqc-service under test. */
public final class Corpus {

    public static final JsonPathConfig DOUBLES = SampleCorpus.DOUBLES;

    private Corpus() {
    }

    public static Path samples() {
        return SampleCorpus.samples();
    }

    public static void uploadAll() {
        SampleCorpus.uploadAll();
    }

    public static JsonPath upload(File f, String plant) {
        return SampleCorpus.upload(f, plant);
    }

    /** GET a JSON resource of the qaqc-service under test, numbers as doubles. */
    public static JsonPath json(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath(DOUBLES);
    }
}
