package org.carbonmrv.qaqc.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.DistributionRules;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The migrated schema keeps what distributing the sensor grades on their plant needs (README, "Scale"). */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class DistributionRulesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sensorGradesCanBeDistributedOnTheirPlant() throws Exception {
        assertEquals(List.of(), DistributionRules.broken(dataSource, "qaqc", "sensor_grade",
                Set.of("config", "config_version")));
    }
}
