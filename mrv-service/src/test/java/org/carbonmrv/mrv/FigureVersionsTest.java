package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.ScratchDatabase;
import org.carbonmrv.mrv.approval.ApprovalService;
import org.carbonmrv.mrv.removal.DailyFigure;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.RemovalStore;
import org.carbonmrv.mrv.version.VersionRepository;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every path of a day's versions through {@link RemovalStore} and approvals, on one synthetic plant-day: new,
 * unchanged, superseded, held back while approved (replaced by a later change, withdrawn when the data comes back
 * to the approved figure), left over after a rejection, and made current by a second approval. Each step is checked
 * in the database: versions with their state and superseding version, and the day as served. Everything runs in one
 * transaction that is rolled back (stored figures cannot be deleted, and the other tests of this JVM see every
 * plant).
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class FigureVersionsTest {

    private static final String PLANT = "VERSIONS_TEST";
    private static final LocalDate DAY = LocalDate.parse("2030-06-01");

    @Inject
    RemovalStore store;

    @Inject
    ApprovalService approvals;

    @Inject
    VersionRepository versions;

    @Inject
    AgroalDataSource dataSource;

    private Connection c;

    @Test
    void everyPathOfADaysVersions() throws Exception {
        QuarkusTransaction.begin();
        try (Connection connection = dataSource.getConnection()) {
            c = connection;
            walk();
        } finally {
            QuarkusTransaction.rollback();
        }
        try (Connection connection = dataSource.getConnection()) {
            c = connection;
            assertEquals(List.of("0"), rows("select count(*) from mrv.removal_state where plant = '" + PLANT + "'"),
                    "nothing of the walk is left for the other tests");
        }
    }

    private void walk() throws Exception {
        int methodology = methodology();
        assertEquals(new RemovalStore.Outcome(1, 1, 0, 0), store(methodology, "a"));
        assertEquals(new RemovalStore.Outcome(1, 0, 0, 1), store(methodology, "a"), "same fingerprint: nothing new");
        assertEquals(new RemovalStore.Outcome(1, 1, 0, 0), store(methodology, "b"));
        assertVersions("1|SUPERSEDED|2", "2|CURRENT");

        decide("APPROVED");
        assertEquals(new RemovalStore.Outcome(1, 0, 1, 0), store(methodology, "c"));
        assertServed("2|CHANGED_AFTER_APPROVAL|3");
        assertEquals(new RemovalStore.Outcome(1, 0, 1, 0), store(methodology, "d"), "a later change replaces it");
        assertEquals(new RemovalStore.Outcome(1, 0, 0, 1), store(methodology, "d"));
        assertVersions("1|SUPERSEDED|2", "2|CURRENT", "3|SUPERSEDED|4", "4|PENDING");
        assertEquals(new RemovalStore.Outcome(1, 0, 0, 1), store(methodology, "b"), "back to the approved figure");
        assertVersions("1|SUPERSEDED|2", "2|CURRENT", "3|SUPERSEDED|4", "4|SUPERSEDED|2");
        assertServed("2|APPROVED|null");

        assertEquals(new RemovalStore.Outcome(1, 0, 1, 0), store(methodology, "e"));
        decide("REJECTED");
        assertServed("2|REJECTED|5");
        // the day follows its data again: the waiting figure and the current one give way to a new current version
        assertEquals(new RemovalStore.Outcome(1, 1, 0, 0), store(methodology, "e"));
        assertServed("6|REJECTED|null");

        decide("APPROVED");
        assertEquals(new RemovalStore.Outcome(1, 0, 1, 0), store(methodology, "f"));
        decide("APPROVED");
        assertVersions("1|SUPERSEDED|2", "2|SUPERSEDED|6", "3|SUPERSEDED|4", "4|SUPERSEDED|2", "5|SUPERSEDED|6",
                "6|SUPERSEDED|7", "7|CURRENT");
        assertServed("7|APPROVED|null");
        assertEquals(List.of("7|7|7|f"), rows("select current_version, latest_version, (select version from "
                + "mrv.approval_day d join mrv.approval a on a.id = d.approval_id where a.plant = s.plant "
                + "order by a.id desc limit 1), current_fingerprint from mrv.removal_state s where plant = '" + PLANT
                + "'"));
        assertEquals(List.of("0"), rows("select count(*) from mrv.removal where plant = '" + PLANT + "' and "
                + "(state = 'SUPERSEDED') <> (superseded_at is not null)"), "every superseded version says when");
    }

    private RemovalStore.Outcome store(int methodology, String fingerprint) throws Exception {
        DailyFigure f = new DailyFigure(PLANT, DAY, RemovalFlag.VALID, "figure " + fingerprint, false, List.of(), 1.0,
                40.0, 42.0, 2.0, 2, 2, 0.008, 0.0005, 0.0003, 0.0004, 0.007, List.of(1), methodology, List.of(),
                fingerprint);
        versions.lockPlants(c, List.of(PLANT));
        return store.store(c, List.of(f), d -> Map.of("test_step", fingerprint));
    }

    private void decide(String decision) throws Exception {
        assertEquals(1, approvals.record(c, PLANT, DAY, DAY, ApprovalState.Decision.valueOf(decision), "figure versions test", "tester").days());
    }

    private void assertVersions(String... expected) throws Exception {
        assertEquals(List.of(expected), rows("select version, state, superseded_by_version from mrv.removal "
                + "where plant = '" + PLANT + "' order by version").stream().map(r -> r.replace("|null", ""))
                .toList());
    }

    private void assertServed(String expected) throws Exception {
        assertEquals(List.of(expected), rows("select version, approval_state, pending_version from "
                + "mrv.v_removal_day where plant = '" + PLANT + "'"));
    }

    /** A methodology of the test's own (rolled back with everything else). */
    private int methodology() throws Exception {
        return Integer.parseInt(rows("insert into mrv.methodology (version, definition, fingerprint) values ('test', "
                + "'{}', 'figure-versions-test') returning id").get(0));
    }

    /** A query's rows on the test's transaction, columns joined by {@code |}. */
    private List<String> rows(String sql) throws Exception {
        return ScratchDatabase.rows(c, sql);
    }
}
