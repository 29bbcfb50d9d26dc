package org.carbonmrv.devstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;

/**
 * What every service's audit trail must hold, checked on the running service: the application cannot change or
 * remove a row (update, delete, truncate refused), the hash chain verifies, and a row changed behind the
 * application's back (the superuser with triggers disabled) is reported as the first broken link, after which the
 * row is put back and the chain verifies again.
 */
public final class AuditChecks {

    private AuditChecks() {
    }

    public static void appendOnly(DataSource ds, String schema) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("update " + schema + ".audit set subject = 'x'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("delete from " + schema + ".audit"));
            assertThrows(SQLException.class, () -> s.executeUpdate("truncate " + schema + ".audit"));
        }
    }

    /** @param ds the service's data source: its user is the database superuser in tests */
    public static void tamperingIsReported(DataSource ds, String schema) throws SQLException {
        JsonPath before = verify();
        assertTrue(before.getBoolean("intact"), "the chain verifies before: " + before.prettify());
        try (Connection c = ds.getConnection()) {
            long seq;
            String subject;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select chain_seq, subject from "
                    + schema + ".audit order by chain_seq desc limit 1")) {
                assertTrue(rs.next(), "the service has audit rows");
                seq = rs.getLong(1);
                subject = rs.getString(2);
            }
            set(c, schema, seq, "somebody else");
            try {
                Map<String, Object> chain = auditChain(verify(), schema);
                assertFalse((Boolean) chain.get("intact"), "a changed row breaks the chain: " + chain);
                assertEquals(seq, ((Number) chain.get("first_broken_seq")).longValue());
                assertTrue(String.valueOf(chain.get("problem")).contains("content"), String.valueOf(chain));
            } finally {
                set(c, schema, seq, subject);
            }
        }
        assertTrue(verify().getBoolean("intact"), "the row put back, the chain verifies again");
    }

    private static void set(Connection c, String schema, long seq, String subject) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica"); // the triggers that refuse updates do not fire
        }
        try (PreparedStatement ps = c.prepareStatement("update " + schema + ".audit set subject = ? where chain_seq "
                + "= ?")) {
            ps.setString(1, subject);
            ps.setLong(2, seq);
            assertEquals(1, ps.executeUpdate());
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("set session_replication_role = origin");
            }
        }
    }

    private static JsonPath verify() {
        return given().get("/api/v1/audit/verify").then()
                .statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> auditChain(JsonPath verification, String schema) {
        List<Map<String, Object>> chains = verification.getList("chains");
        return chains.stream().filter(ch -> (schema + ".audit").equals(ch.get("chain"))).findFirst()
                .orElseThrow(() -> new AssertionError("no chain " + schema + ".audit in " + chains));
    }
}
