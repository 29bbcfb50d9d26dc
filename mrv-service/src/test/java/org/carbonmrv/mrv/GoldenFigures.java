package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.carbonmrv.devstack.SampleCorpus;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;

/** The corpus' expected file ({@code daily_removals.csv}, worked out of the samples independently of the service). */
final class GoldenFigures {

    private GoldenFigures() {
    }

    /** Asserts that {@code days} (the API's removal items of PLANT_A and PLANT_B) are exactly the expected file's. */
    static void assertMatch(List<Map<String, Object>> days) throws IOException {
        Map<String, Map<String, Object>> actual = byKey(days);
        TreeSet<String> expectedKeys = new TreeSet<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(
                SampleCorpus.samples().resolve("daily_removals.csv"))) {
            for (NamedCsvRecord r : csv) {
                String key = r.getField("plant_id") + " " + r.getField("date");
                expectedKeys.add(key);
                Map<String, Object> d = actual.get(key);
                assertNotNull(d, "no figure for " + key);
                assertEquals(r.getField("flag"), d.get("flag"), key);
                assertClose(r.getField("flow_mgd"), d.get("flow_mgd"), key + " flow");
                assertClose(r.getField("ca_upstream_mg_per_l"), d.get("ca_upstream_mg_per_l"), key + " up");
                assertClose(r.getField("ca_downstream_mg_per_l"), d.get("ca_downstream_mg_per_l"), key + " down");
                assertClose(r.getField("co2_t"), d.get("co2_t"), key + " co2");
            }
        }
        assertEquals(205, expectedKeys.size());
        assertEquals(expectedKeys, actual.keySet(), "exactly the expected plant-days");
    }

    /** Removal items by "plant day". */
    static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> days) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        days.forEach(d -> out.put(d.get("plant") + " " + d.get("day"), d));
        return out;
    }

    private static void assertClose(String expected, Object actual, String what) {
        if (expected.isEmpty()) {
            assertNull(actual, what);
            return;
        }
        assertNotNull(actual, what);
        double e = Double.parseDouble(expected);
        double a = ((Number) actual).doubleValue();
        assertTrue(Math.abs(a - e) <= 1e-9 * Math.max(1e-12, Math.abs(e)), what + ": expected " + e + ", got " + a);
    }
}
