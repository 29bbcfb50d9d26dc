package org.carbonmrv.devstack;


import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers plants in the ingest-service's registry, once per JVM and service (the registry lives in the shared test
 * database): a file for an unregistered plant is refused. The sample plants are registered as the local run does.
 */
public final class TestPlants {

    /** The zone and sampling points of the sample corpus' plants (its README: local plant time, US plants). */
    public static final String SAMPLE_ZONE = "America/New_York";

    private static final Set<String> REGISTERED = new HashSet<>();

    private TestPlants() {
    }

    /** The registry entry of a plant with the sample corpus' zone and sampling points. */
    public static Map<String, Object> entry(String plant, String zone) {
        return Map.of("display_name", plant.replace('_', ' '), "time_zone", zone, "sampling_points",
                Map.of("upstream", "primary_clarifier", "downstream", "secondary_clarifier"), "comment",
                "the sample corpus' plant (registered by the local run or the tests)");
    }

    /** Registers plants on the service under test (REST Assured's base URI). */
    public static void register(String... plants) {
        registerAt(null, plants);
    }

    /** Registers plants on the ingest-service at {@code ingestUrl} (null: the service under test). */
    public static synchronized void registerAt(String ingestUrl, String... plants) {
        for (String plant : plants) {
            if (REGISTERED.add(ingestUrl + " " + plant)) {
                var req = ingestUrl == null ? io.restassured.RestAssured.given()
                        : io.restassured.RestAssured.given().baseUri(ingestUrl).port(-1);
                req.contentType("application/json").body(entry(plant, SAMPLE_ZONE)).put("/api/v1/plants/" + plant)
                        .then().statusCode(201);
            }
        }
    }

    /** The sample corpus' plants. */
    public static List<String> samples() {
        return List.of("PLANT_A", "PLANT_B");
    }
}
