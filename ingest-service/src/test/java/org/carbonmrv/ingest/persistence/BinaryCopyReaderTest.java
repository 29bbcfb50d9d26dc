package org.carbonmrv.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.carbonmrv.common.BinaryCopyReader;
import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The binary COPY reader gives back what PostgreSQL holds (nulls, text across its buffer, timestamps on both sides of
 * 2000-01-01), and the writer's primitive arrays and timestamps from microseconds read back as written.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class BinaryCopyReaderTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rowsReadBackAsStored() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_read (n int, big bigint, d double precision, t text, ts timestamp) "
                    + "on commit drop");
            // 100,000 rows: many times the reader's 64 KiB buffer, a text of 100 KiB across it
            st.execute("insert into copy_read select g, g * 1000000007::bigint, g / 7.0, case when g % 3 = 0 then null "
                    + "when g = 50000 then repeat('é', 50000) else 'v' || g end, timestamp '1999-12-31 23:59:58' "
                    + "+ g * interval '1 second' + interval '0.75 second' from generate_series(1, 100000) g");
            st.execute("insert into copy_read values (0, null, null, 'last', null)");
            List<String> expected = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select n, big, d, t, floor(extract(epoch from ts))::bigint "
                    + "from copy_read order by n")) {
                while (rs.next()) {
                    expected.add(rs.getInt(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|" + rs.getString(4)
                            + "|" + rs.getObject(5));
                }
            }
            List<String> read = new ArrayList<>();
            try (BinaryCopyReader r = new BinaryCopyReader(c, "select n, big, d, t, ts from copy_read order by n")) {
                while (r.next()) {
                    int n = r.int4();
                    long big = r.int8();
                    Object bigOrNull = r.wasNull() ? null : big;
                    double d = r.float8();
                    Object dOrNull = r.wasNull() ? null : d;
                    String t = r.text();
                    long ts = r.timestampEpochSecond();
                    read.add(n + "|" + bigOrNull + "|" + dOrNull + "|" + t + "|" + (r.wasNull() ? null : ts));
                }
            }
            assertEquals(expected, read);
            // a read stopped early leaves the connection usable
            try (BinaryCopyReader r = new BinaryCopyReader(c, "select n from copy_read")) {
                assertTrue(r.next());
            }
            try (ResultSet rs = st.executeQuery("select count(*) from copy_read")) {
                assertTrue(rs.next());
                assertEquals(100_001, rs.getInt(1));
            }
            c.rollback();
        }
    }

    @Test
    void primitiveArraysAndMicrosecondTimestampsRoundTrip() throws Exception {
        long[] ids = {5, Long.MAX_VALUE, -1, 42};
        int[] outcomes = {0, 7, Integer.MIN_VALUE, 3};
        long[] epochSeconds = {946_684_799L, 946_684_800L, 1_709_164_799L, 0}; // around 2000-01-01, 2024-02-28
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_prim (ids bigint[], outcomes integer[], ts timestamp[], "
                    + "at timestamp) on commit drop");
            long micros = BinaryCopyWriter.isoMicros("2024-02-29 23:59:59");
            try (BinaryCopyWriter out = new BinaryCopyWriter(c, "copy_prim", "ids, outcomes, ts, at", 4)) {
                out.row().int8Array(ids, 1, 3).int4Array(outcomes, 1, 3).timestampArray(epochSeconds, 0, 3)
                        .timestampMicros(micros + 123_456);
                out.row().int8Array(ids, 0, 0).int4Array(outcomes, 4, 0).timestampArray(epochSeconds, 3, 1)
                        .timestampMicros(BinaryCopyWriter.isoMicros("1999-12-31T23:59:59.5"));
            }
            List<String> back = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select ids, outcomes, ts, at from copy_prim order by at desc")) {
                while (rs.next()) {
                    back.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
            assertEquals(List.of("{9223372036854775807,-1,42}|{7,-2147483648,3}|{\"1999-12-31 23:59:59\","
                    + "\"2000-01-01 00:00:00\",\"2024-02-28 23:59:59\"}|2024-02-29 23:59:59.123456",
                    "{}|{}|{\"1970-01-01 00:00:00\"}|1999-12-31 23:59:59.5"), back);
            assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000),
                    BinaryCopyWriter.timestampOfMicros(micros + 123_456));
            assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 500_000_000),
                    BinaryCopyWriter.timestampOfMicros(BinaryCopyWriter.isoMicros("1999-12-31 23:59:59.5")));
            assertFalse(back.isEmpty());
            c.rollback();
        }
    }
}
