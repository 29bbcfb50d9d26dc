package org.carbonmrv.devstack;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** For downstream tests: the sample corpus (kept once, in ingest-service's test resources), uploaded through the real ingest-service. */
public final class SampleCorpus {

    /** JSON numbers as doubles (RestAssured's default is float, which would lose precision). */
    public static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private SampleCorpus() {
    }

    public static String ingestUrl() {
        return ConfigProvider.getConfig().getValue("pipeline.ingest-url", String.class);
    }

    public static Path samples() {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path p = dir.toPath().resolve("ingest-service/src/test/resources/samples");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("sample corpus not found");
    }

    /** Uploads every sample file (idempotent: 201 or 200). PLANT_A's ops files do not name their plant. */
    public static void uploadAll() {
        uploadAll(ingestUrl());
    }

    /** As {@link #uploadAll()}, to the ingest-service at {@code ingestUrl}. */
    public static void uploadAll(String ingestUrl) {
        TestPlants.registerAt(ingestUrl, TestPlants.samples().toArray(String[]::new));
        List<Path> files;
        files = new java.util.ArrayList<>();
        for (String folder : List.of("ops", "lab", "sensors")) {
            try (Stream<Path> walk = Files.walk(samples().resolve(folder))) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path f : files) {
            upload(ingestUrl, f.toFile(), f.getFileName().toString().startsWith("PLANT_A-OPS") ? "PLANT_A" : null);
        }
    }

    public static JsonPath upload(File f, String plant) {
        return upload(ingestUrl(), f, plant);
    }

    private static JsonPath upload(String ingestUrl, File f, String plant) {
        var req = given().baseUri(ingestUrl).port(-1).multiPart("file", f);
        if (plant != null) {
            req = req.multiPart("plant", plant);
        }
        return req.post("/api/v1/uploads").then().statusCode(Matchers.anyOf(Matchers.is(201), Matchers.is(200)))
                .extract().jsonPath(DOUBLES);
    }
}
