package org.carbonmrv.ingest;

import org.carbonmrv.devstack.TestPlants;

/** Every plant the ingest tests upload for: registered once per JVM (a file for an unregistered plant is refused). */
public final class RegisteredPlants {

    private static final String[] PLANTS = {"PLANT_A", "PLANT_B", "PLANT_C", "PLANT_OTHER", "PLANT_P", "PLANT_S1",
            "PLANT_S2", "PLANT_S3", "PLANT_S4", "PLANT_S5", "PLANT_S6", "PLANT_SLOW", "PLANT_SLOW_WB", "PLANT_T",
            "PLANT_X", "PLANT_Z"};

    private RegisteredPlants() {
    }

    public static void ensure() {
        TestPlants.register(PLANTS);
    }
}
