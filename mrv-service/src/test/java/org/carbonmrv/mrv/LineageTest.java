package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.carbonmrv.mrv.removal.DailyFigure;
import org.carbonmrv.mrv.removal.DayInputs;
import org.carbonmrv.mrv.removal.InputRecord;
import org.carbonmrv.mrv.removal.Lineage;
import org.carbonmrv.mrv.removal.Methodology;
import org.carbonmrv.mrv.removal.RemovalCalculator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The stored lineage reads as the API has always given it, whether stored compact or by an earlier release. */
class LineageTest {

    /** A day's lineage as the earlier release stored it (an object per input), for the inputs of {@link #day()}. */
    private static final String EARLIER_RELEASE = "[{\"role\":\"ops\",\"record_type\":\"ops\",\"record_id\":99,"
            + "\"upload_id\":2,\"file_name\":\"ops.xlsx\",\"sheet\":\"S\",\"row\":5,\"value\":10.0,"
            + "\"bypass_flow_mgd\":0.0,\"qaqc_flag\":1,\"qaqc_flag_name\":\"GOOD\",\"qaqc_auto_flag\":1,"
            + "\"qaqc_override_id\":null,\"qaqc_config_version\":1,\"qaqc_reasons\":[],\"used\":true,"
            + "\"excluded_because\":null},{\"role\":\"ca_upstream\",\"record_type\":\"lab\",\"record_id\":1,"
            + "\"upload_id\":1,\"file_name\":\"lab.csv\",\"sheet\":null,\"row\":1,\"unique_id\":\"U1\",\"value\":40.0,"
            + "\"uncertainty_mg_per_l\":0.4,\"u_used_mg_per_l\":0.4,\"qaqc_flag\":1,\"qaqc_flag_name\":\"GOOD\","
            + "\"qaqc_auto_flag\":1,\"qaqc_override_id\":null,\"qaqc_config_version\":1,\"qaqc_reasons\":[],"
            + "\"used\":true,\"excluded_because\":null},{\"role\":\"ca_upstream\",\"record_type\":\"lab\","
            + "\"record_id\":2,\"upload_id\":1,\"file_name\":\"lab.csv\",\"sheet\":null,\"row\":2,\"unique_id\":\"U2\","
            + "\"value\":42.0,\"uncertainty_mg_per_l\":null,\"u_used_mg_per_l\":1.26,\"qaqc_flag\":3,"
            + "\"qaqc_flag_name\":\"SUSPECT\",\"qaqc_auto_flag\":3,\"qaqc_override_id\":7,\"qaqc_config_version\":2,"
            + "\"qaqc_reasons\":[\"replicate: spread 12%\",\"x\"],\"used\":true,\"excluded_because\":null},"
            + "{\"role\":\"ca_downstream\",\"record_type\":\"lab\",\"record_id\":3,\"upload_id\":1,"
            + "\"file_name\":\"lab.csv\",\"sheet\":null,\"row\":3,\"value\":50.0,\"uncertainty_mg_per_l\":0.5,"
            + "\"u_used_mg_per_l\":null,\"qaqc_flag\":9,\"qaqc_flag_name\":\"MISSING\",\"qaqc_auto_flag\":1,"
            + "\"qaqc_override_id\":8,\"qaqc_config_version\":1,\"qaqc_reasons\":[],\"used\":false,"
            + "\"excluded_because\":\"graded MISSING by qaqc\"}]";

    private static DailyFigure day() {
        Methodology m = new Methodology(1, 0.03, 0.05, 1.645, "primary_clarifier", "secondary_clarifier", "calcium");
        DayInputs d = new DayInputs("P", LocalDate.of(2024, 7, 2));
        d.ops = new InputRecord("ops", "ops", 99, 2, "ops.xlsx", "S", 5, null, 10.0, null, 0.0, 1, 1, null, 1,
                List.of());
        d.lab.add(new InputRecord("ca_upstream", "lab", 1, 1, "lab.csv", null, 1, "U1", 40.0, 0.4, null, 1, 1, null,
                1, List.of()));
        d.lab.add(new InputRecord("ca_upstream", "lab", 2, 1, "lab.csv", null, 2, "U2", 42.0, null, null, 3, 3, 7L, 2,
                List.of("replicate: spread 12%", "x")));
        d.lab.add(new InputRecord("ca_downstream", "lab", 3, 1, "lab.csv", null, 3, null, 50.0, 0.5, null, 9, 1, 8L,
                1, List.of()));
        return RemovalCalculator.compute(d, m);
    }

    @Test
    void compactLineageReadsAsAnObjectPerInput() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String stored = new String(Lineage.toJson(day().inputs()), java.nio.charset.StandardCharsets.UTF_8);
        Object earlier = json.readValue(EARLIER_RELEASE, Object.class);
        assertEquals(json.writeValueAsString(earlier), json.writeValueAsString(Lineage.read(stored, json)),
                "same keys, values and order as before");
        assertTrue(stored.length() < EARLIER_RELEASE.length() * 0.7, stored.length() + " vs " + EARLIER_RELEASE.length());
    }

    @Test
    void lineageOfEarlierReleasesReadsAsStored() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(json.readValue(EARLIER_RELEASE, Object.class)),
                json.writeValueAsString(Lineage.read(EARLIER_RELEASE, json)));
    }
}
