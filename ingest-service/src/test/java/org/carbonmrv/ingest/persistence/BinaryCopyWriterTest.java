package org.carbonmrv.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every value type of the binary COPY writer reads back from PostgreSQL as written, nulls included. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class BinaryCopyWriterTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void valuesRoundTrip() throws Exception {
        // timestamps around PostgreSQL's epoch (2000-01-01), a leap day, the distant past and future
        List<String> isoTimes = List.of("2000-01-01 00:00:00", "1999-12-31 23:59:59", "2024-02-29 23:59:59",
                "1900-03-01 12:00:00", "2399-12-31 00:00:01", "1970-01-01 00:00:00");
        List<Double> doubles = List.of(7.03, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, -1e-300);
        List<String> texts = List.of("ERR", "", "Ünïcödé € 😀 \t\n\\N", "x".repeat(200_000), "a", "b");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_binary (n int, big bigint, d double precision, t text, "
                    + "ts timestamp, ts2 timestamp, day date, ok boolean, j jsonb) on commit drop");
            try (BinaryCopyWriter out = new BinaryCopyWriter(c, "copy_binary", "n, big, d, t, ts, ts2, day, ok, j",
                    9)) {
                for (int i = 0; i < isoTimes.size(); i++) {
                    LocalDateTime ts = LocalDateTime.parse(isoTimes.get(i).replace(' ', 'T')).plusNanos(123_456_000);
                    out.row().int4(i).int8(Long.MIN_VALUE + i).float8(doubles.get(i)).text(texts.get(i))
                            .timestampIso(isoTimes.get(i)).timestamp(ts).date(ts.toLocalDate()).bool(i % 2 == 0)
                            .jsonb("{\"i\": " + i + ", \"s\": \"é\"}");
                }
                out.row().int4(isoTimes.size()).nullValue().float8(null).text(null).nullValue().timestamp(null)
                        .date(null).bool(null).jsonb(null);
            }
            List<String> back = new ArrayList<>();
            List<Long> doubleBits = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select n, big, d, t = $$" + "x".repeat(200_000)
                    + "$$ as long_text, case when length(t) < 100 then t end, ts::text, ts2::text, day::text, ok, "
                    + "j::text from copy_binary order by n")) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int col = 1; col <= 10; col++) {
                        row.add(col == 3 ? null : rs.getString(col));
                    }
                    double d = rs.getDouble(3);
                    doubleBits.add(rs.wasNull() ? null : Double.doubleToRawLongBits(d));
                    back.add(String.join("|", row.stream().map(String::valueOf).toList()));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < isoTimes.size(); i++) {
                String t = texts.get(i);
                expected.add(String.join("|", String.valueOf(i), String.valueOf(Long.MIN_VALUE + i),
                        "null", t.length() == 200_000 ? "t" : "f",
                        t.length() < 100 ? t : "null", isoTimes.get(i), isoTimes.get(i) + ".123456",
                        isoTimes.get(i).substring(0, 10), i % 2 == 0 ? "t" : "f", "{\"i\": " + i + ", \"s\": \"é\"}"));
            }
            expected.add(isoTimes.size() + "|null|null|null|null|null|null|null|null|null");
            assertEquals(expected, back);
            List<Long> expectedBits = new ArrayList<>(doubles.stream().map(Double::doubleToRawLongBits).toList());
            expectedBits.add(null);
            assertEquals(expectedBits, doubleBits, "float8 values keep every bit");
            c.rollback();
        }
    }

    @Test
    void arraysAndSmallValuesRoundTrip() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_arrays (n smallint, names text[], flags smallint[], "
                    + "versions integer[], ts timestamp) on commit drop");
            try (BinaryCopyWriter out = new BinaryCopyWriter(c, "copy_arrays", "n, names, flags, versions, ts", 5)) {
                out.row().int2(-2).textArray(List.of("gross_range", "a \"quoted\" \\ é 😀", ""))
                        .int2Array(new short[] {1, 4, 9, 3}, 3).int4Array(List.of(7, -1, Integer.MAX_VALUE))
                        .timestampEpochSecond(1_704_067_260L); // 2024-01-01 00:01:00
                out.row().int2(Short.MAX_VALUE).encoded(BinaryCopyWriter.encodeTextArray(List.of()))
                        .int2Array(new short[0], 0).int4Array(List.of()).timestampEpochSecond(-1L);
            }
            List<String> back = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select n, names, flags, versions, ts, cardinality(names) "
                    + "from copy_arrays order by n")) {
                while (rs.next()) {
                    back.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                            + "|" + rs.getString(5) + "|" + rs.getString(6));
                }
            }
            assertEquals(List.of("-2|{gross_range,\"a \\\"quoted\\\" \\\\ é 😀\",\"\"}|{1,4,9}|{7,-1,2147483647}|"
                    + "2024-01-01 00:01:00|3", "32767|{}|{}|{}|1969-12-31 23:59:59|0"), back);
            c.rollback();
        }
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_fields (a int, b int) on commit drop");
            BinaryCopyWriter out = new BinaryCopyWriter(c, "copy_fields", "a, b", 2);
            out.row().int4(1);
            assertThrows(IllegalStateException.class, out::row);
            assertThrows(IllegalStateException.class, () -> out.int4(2).int4(3));
            out.cancel();
            c.rollback();
        }
    }
}
