package org.carbonmrv.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.DistributionRules;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The migrated schema keeps what distributing the readings on their plant needs (README, "Scale"). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class DistributionRulesTest {

    /** Small tables every plant shares: Citus reference tables. */
    static final Set<String> REFERENCE = Set.of("layout_profile", "plant_version", "sensor_series");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sensorReadingsCanBeDistributedOnTheirPlant() throws Exception {
        assertEquals(List.of(), DistributionRules.broken(dataSource, "ingest", "sensor_reading", REFERENCE));
    }

    /** The checker itself: a table breaking every rule is reported on each. */
    @Test
    void aTableBreakingTheRulesIsReported() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("create schema if not exists rules_probe");
            st.execute("drop table if exists rules_probe.reading, rules_probe.parent");
            st.execute("create table rules_probe.parent (id bigint primary key)");
            st.execute("create table rules_probe.reading (id bigint primary key, parent_id bigint references "
                    + "rules_probe.parent (id), plant varchar(20))");
        }
        List<String> broken = DistributionRules.broken(dataSource, "rules_probe", "reading", Set.of());
        assertEquals(4, broken.size(), broken.toString());
        assertEquals(List.of("rules_probe.reading: no plant text not null"), broken.subList(0, 1));
    }
}
