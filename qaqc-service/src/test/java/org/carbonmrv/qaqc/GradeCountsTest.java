package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The summary and the listing count sensor grades from the compact rows' stored counts and read only the days a
 * page needs. Checked against the per-reading contract view {@code qaqc.v_record_flag} (a second way to the same
 * figures), with active overrides of both kinds (a time range, a record id) that change some of the counted flags.
 */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class GradeCountsTest extends GradedCorpusTest {

    private static final String FROM = "2024-07-01";
    private static final String TO = "2024-07-03";

    @Test
    void summaryAndPagesAgreeWithTheViewUnderOverrides() throws Exception {
        long reading = rows("select record_id from qaqc.v_record_flag where record_type = 'sensor' and plant = "
                + "'PLANT_A' and parameter = 'PH0102' and ts = '2024-07-02 12:00:00'").get(0).get(0);
        // ten minutes of PH0101 FAIL, one PH0102 reading SUSPECT; the PH0101 spike at 00:17 (FAIL) made GOOD
        List<Integer> overrides = List.of(
                override(Map.of("plant", "PLANT_A", "parameter", "PH0101", "from", "2024-07-01T10:00:00", "to",
                        "2024-07-01T10:09:00", "flag", 4, "reason", "probe out of the water")),
                override(Map.of("record_type", "sensor", "record_ids", List.of(reading), "flag", 3, "reason",
                        "bubble on the probe")),
                override(Map.of("plant", "PLANT_A", "from", "2024-07-01T00:17:00", "to", "2024-07-01T00:17:00",
                        "flag", 1, "reason", "a real excursion")));
        try {
            assertEquals(10 + 1, count("select count(*) from qaqc.v_record_flag where plant = 'PLANT_A' and "
                    + "record_type = 'sensor' and override_id is not null and day between '" + FROM + "' and '"
                    + TO + "' and flag <> auto_flag and override_id in (" + overrides.get(0) + ", "
                    + overrides.get(1) + ")"), "the overrides change flags that the counts must follow");
            assertSummaryMatchesView();
            assertPagesMatchView("record_type=sensor", "record_type = 'sensor'", 997);
            assertPagesMatchView("record_type=sensor&flag=FAIL", "record_type = 'sensor' and flag = 4", 7);
            assertPagesMatchView("parameter=PH0101", "parameter = 'PH0101'", 1000);
            // no type: pages that cross from lab to ops to sensor
            assertPagesMatchView("", "true", 1500);
        } finally {
            for (int id : overrides) {
                given().delete("/api/v1/overrides/" + id + "?reason=test over").then().statusCode(200);
            }
            worker.drain();
        }
    }

    private void assertSummaryMatchesView() throws Exception {
        List<List<Long>> expected = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select record_type || ' ' || parameter || ' ' || day, count(*), "
                        + "count(*) filter (where flag = 1), count(*) filter (where flag = 2), "
                        + "count(*) filter (where flag = 3), count(*) filter (where flag = 4), "
                        + "count(*) filter (where flag = 9) from qaqc.v_record_flag where plant = 'PLANT_A' and day "
                        + "between '" + FROM + "' and '" + TO + "' group by 1 order by 1")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
                expected.add(List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7)));
            }
        }
        JsonPath summary = given().get("/api/v1/grades/summary?plant=PLANT_A&from=" + FROM + "&to=" + TO).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> days = summary.getList("$");
        List<String> gotKeys = days.stream().map(d -> d.get("record_type") + " " + d.get("parameter") + " "
                + d.get("day")).sorted().toList();
        assertEquals(keys, gotKeys);
        for (Map<String, Object> d : days) {
            String key = d.get("record_type") + " " + d.get("parameter") + " " + d.get("day");
            assertEquals(expected.get(keys.indexOf(key)), List.of(num(d, "records"), num(d, "good"),
                    num(d, "not_evaluated"), num(d, "suspect"), num(d, "fail"), num(d, "missing")), key);
        }
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("sensor PH0101 2024-07-01")), keys.toString());
    }

    private void assertPagesMatchView(String filter, String condition, int size) throws Exception {
        List<List<Long>> expected = rows("select record_id, flag, auto_flag, coalesce(override_id, 0), job_id, "
                + "config_version, extract(epoch from ts)::bigint, coalesce(extract(epoch from at)::bigint, 0), "
                + "day - date '2000-01-01', cardinality(test_names), cardinality(reasons) from qaqc.v_record_flag "
                + "where plant = 'PLANT_A' "
                + "and day between '" + FROM + "' and '" + TO + "' and " + condition
                + " order by record_type, ts, record_id");
        List<List<Long>> got = new ArrayList<>();
        for (int page = 0; page * size < expected.size() + size; page++) {
            JsonPath p = given().get("/api/v1/grades?plant=PLANT_A&from=" + FROM + "&to=" + TO + "&size=" + size
                    + "&page=" + page + (filter.isEmpty() ? "" : "&" + filter)).then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(expected.size(), p.getLong("total"), filter + " total");
            List<Map<String, Object>> items = p.getList("items");
            items.forEach(i -> got.add(List.of(num(i, "record_id"), num(i, "flag"), num(i, "auto_flag"),
                    i.get("override_id") == null ? 0L : num(i, "override_id"), num(i, "job_id"),
                    num(i, "config_version"), LocalDateTime.parse((String) i.get("ts")).toEpochSecond(ZoneOffset.UTC),
                    i.get("at") == null ? 0L : OffsetDateTime.parse((String) i.get("at")).toEpochSecond(),
                    ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 1), LocalDate.parse((String) i.get("day"))),
                    (long) ((List<?>) i.get("test_names")).size(), (long) ((List<?>) i.get("reasons")).size())));
        }
        assertTrue(expected.size() > 2 * size || filter.contains("FAIL"), filter + ": several pages");
        assertEquals(expected, got, filter + ": record, flags, override, job, times, day, tests");
    }

    private static int override(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/overrides").then().statusCode(201)
                .extract().jsonPath().getInt("id");
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private long count(String sql) throws Exception {
        return rows(sql).get(0).get(0);
    }

    private List<List<Long>> rows(String sql) throws Exception {
        List<List<Long>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Long> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getLong(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
