package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.carbonmrv.devstack.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * From the first release to the latest, on a database of its own: figures, a lineage and an approval written in
 * the first release's layout (V2) read the same through {@code mrv.removal} and {@code mrv.v_removal_day} after every
 * later migration (the revision counter, lineage as json then text, the per-statement methodology check, each
 * figure's state out of its row (V7), plant registry versions, the covering-decision rule), the lineage reads as the
 * API gives it, and figures can no longer be changed.
 */
class FigureStateMigrationTest {

    private static final String FIGURE = "insert into mrv.removal (plant, day, version, state, flag, message, "
            + "needs_review, review_reasons, flow_mgd, co2_t, n_upstream, n_downstream, qaqc_config_versions, "
            + "methodology_id, inputs, fingerprint, trigger, computed_at, superseded_at, superseded_by_version) "
            + "values ";

    @Test
    void figuresOfTheFirstReleaseReadTheSameAtTheLatest() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase("mrv_migration")) {
            flyway(db, false).target("1").load().migrate();
            // the first release's figures: written as V2 created their tables, then every later migration runs
            flyway(db, false).target("2").load().migrate();
            db.execute("insert into mrv.methodology (version, definition, fingerprint) values ('1', '{}', 'm1')",
                    // day 1: recomputed once; day 2: approved, then two changes held back (the first replaced by
                    // the second); day 3: computed once
                    FIGURE + "('P', '2024-07-01', 1, 'SUPERSEDED', 'VALID', 'ok', false, '{}', 1.5, 0.25, 2, 2, "
                            + "'{1}', 1, '" + FIRST_RELEASE_LINEAGE + "', 'a1', '{\"recompute\":1}', '2024-08-01 10:00+00', "
                            + "'2024-08-02 10:00+00', 2), "
                            + "('P', '2024-07-01', 2, 'CURRENT', 'VALID', 'ok', true, '{SUSPECT}', 1.5, 0.5, 2, 2, "
                            + "'{1,2}', 1, '{}', 'a2', '{\"recompute\":2}', '2024-08-02 10:00+00', null, null), "
                            + "('P', '2024-07-02', 1, 'CURRENT', 'INVALID', 'delta <= 0', false, '{}', 1.5, -0.1, "
                            + "2, 2, '{1}', 1, '{}', 'b1', '{}', '2024-08-01 10:00+00', null, null), "
                            + "('P', '2024-07-02', 2, 'SUPERSEDED', 'VALID', 'ok', false, '{}', 1.5, 0.2, 2, 2, "
                            + "'{1}', 1, '{}', 'b2', '{}', '2024-08-03 10:00+00', '2024-08-04 10:00+00', 3), "
                            + "('P', '2024-07-02', 3, 'PENDING', 'VALID', 'ok', false, '{}', 1.5, 0.3, 2, 2, '{1}', 1, "
                            + "'{}', 'b3', '{}', '2024-08-04 10:00+00', null, null), "
                            + "('P', '2024-07-03', 1, 'CURRENT', 'NO_OPS_DATA', 'no operations record', false, '{}', "
                            + "null, null, 0, 0, '{}', 1, '{}', 'c1', '{}', '2024-08-01 10:00+00', null, null)",
                    "insert into mrv.approval (plant, from_day, to_day, decision, comment, decided_by) values "
                            + "('P', '2024-07-02', '2024-07-02', 'APPROVED', 'checked', 'alice')");
            String versions = "select " + VERSION_COLUMNS + " from mrv.removal order by plant, day, version";
            String days = "select " + DAY_COLUMNS + " from mrv.v_removal_day order by plant, day";
            List<String> before = db.rows(versions);
            List<String> servedBefore = db.rows(days);
            assertEquals(6, before.size(), before.toString());

            flyway(db, true).load().migrate();

            assertEquals(before, db.rows(versions));
            assertEquals(servedBefore, db.rows(days));
            assertTrue(servedBefore.get(1).contains("|CHANGED_AFTER_APPROVAL|1|3|VALID|0.3"), servedBefore.get(1));
            assertEquals(List.of("P|2024-07-01|2|a2|null|null|2", "P|2024-07-02|1|b1|3|b3|3",
                    "P|2024-07-03|1|c1|null|null|1"), db.rows("select * from mrv.removal_state order by day"));
            String lineage = db.rows("select inputs from mrv.removal where plant = 'P' and day = '2024-07-01' "
                    + "and version = 1").get(0);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(json.writeValueAsString(json.readTree(FIRST_RELEASE_LINEAGE)), json.writeValueAsString(
                    org.carbonmrv.mrv.removal.Lineage.read(lineage, json)), "the first release's lineage, as the API "
                            + "gives it");
            SQLException refused = assertThrows(SQLException.class,
                    () -> db.execute("update mrv.removal_version set co2_t = 1 where fingerprint = 'a2'"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    /** A lineage as the first release stored it: an object per input. */
    private static final String FIRST_RELEASE_LINEAGE = "[{\"role\":\"ops\",\"record_type\":\"ops\",\"record_id\":99,"
            + "\"upload_id\":2,\"file_name\":\"ops.xlsx\",\"sheet\":\"S\",\"row\":5,\"value\":10.0,\"bypass_flow_mgd\":0.0,"
            + "\"qaqc_flag\":1,\"qaqc_flag_name\":\"GOOD\",\"qaqc_auto_flag\":1,\"qaqc_override_id\":null,"
            + "\"qaqc_config_version\":1,\"qaqc_reasons\":[],\"used\":true,\"excluded_because\":null}]";

    /** The columns mrv.removal and v_removal_day had up to V7 (V8 adds plant_version). */
    private static final String VERSION_COLUMNS = "plant, day, version, state, flag, message, needs_review, "
            + "review_reasons, flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, n_upstream, "
            + "n_downstream, co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, qaqc_config_versions, "
            + "methodology_id, inputs, fingerprint, trigger, computed_at, superseded_at, superseded_by_version";
    private static final String DAY_COLUMNS = "plant, day, version, flag, message, needs_review, review_reasons, "
            + "flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, n_upstream, n_downstream, "
            + "co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, qaqc_config_versions, methodology_id, "
            + "computed_at, approval_state, approval_id, pending_version, pending_flag, pending_co2_t";

    /** @param views with the views (db/views), which describe the latest schema only */
    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(ScratchDatabase db, boolean views) {
        String[] locations = views ? new String[] {"classpath:db/migration", "classpath:db/views",
            "classpath:db/shared"} : new String[] {"classpath:db/migration", "classpath:db/shared"};
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas("mrv").createSchemas(true)
                .table("flyway_schema_history").locations(locations);
    }
}
