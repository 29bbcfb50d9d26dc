package org.carbonmrv.ingest;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/** The sample corpus copied into test resources, and uploads of it over HTTP. */
public final class Samples {

    /** JSON numbers as doubles, not RestAssured's default floats: values are compared to full precision. */
    public static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private Samples() {
    }

    public static File file(String relative) {
        URL url = Samples.class.getClassLoader().getResource("samples/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no sample " + relative);
        }
        try {
            return new File(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidatableResponse upload(File file, String plant) {
        var req = given().multiPart("file", file);
        if (plant != null) {
            req = req.multiPart("plant", plant);
        }
        return req.when().post("/api/v1/uploads").then();
    }

    public static ValidatableResponse upload(String relative, String plant) {
        return upload(file(relative), plant);
    }

    /** GET a JSON resource (200 expected), numbers as doubles. */
    public static JsonPath json(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath(DOUBLES);
    }
}
