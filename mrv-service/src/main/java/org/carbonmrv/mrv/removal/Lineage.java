package org.carbonmrv.mrv.removal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The lineage of a figure: every input it considered, as stored with the figure and as the API gives it.
 *
 * <p>Stored as one JSON object with the column names once and a row of values per input
 * ({@code {"columns": [...], "rows": [[...], ...]}}): a third of the size of an object per input with its keys
 * repeated, which kept a figure's row under PostgreSQL's TOAST threshold (no compression per row) and is written
 * straight from the inputs without building maps. The API gives one object per input, with the keys that apply to
 * its kind (ops: bypass flow; calcium: uncertainties; a unique id when the lab gave one). Lineage stored by earlier
 * releases, an array of such objects, reads as it was stored.
 */
public final class Lineage {

    /**
     * One input a figure considered: used or excluded (with why), the value it was used at (a censored value's bound)
     * and the standard uncertainty it was given.
     */
    public record Entry(InputRecord input, boolean used, String excludedBecause, Double uUsed, Double valueUsed) {

        boolean isOps() {
            return "ops".equals(input.role());
        }
    }

    static final List<String> COLUMNS = List.of("role", "record_type", "record_id", "upload_id", "file_name", "sheet",
            "row", "unique_id", "value", "bypass_flow_mgd", "uncertainty_mg_per_l", "u_used_mg_per_l", "qaqc_flag",
            "qaqc_flag_name", "qaqc_auto_flag", "qaqc_override_id", "qaqc_config_version", "qaqc_reasons", "used",
            "excluded_because", "value_used", "original_value", "original_unit", "censoring", "detection_limit");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private Lineage() {
    }

    /** The constant start of the stored form: the column names. */
    private static final byte[] HEADER;

    static {
        ByteArrayBuilder out = new ByteArrayBuilder();
        // left open after the name of the rows: each figure's rows follow
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)) {
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (String c : COLUMNS) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeFieldName("rows");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write(':'); // Jackson writes the separator with the value
        HEADER = out.toByteArray();
    }

    /**
     * The stored form, as UTF-8 text: the column names (written once, as constant bytes), then the rows, written
     * from the inputs (measured: the lineage was the largest Java cost of storing new figures).
     */
    public static byte[] toJson(List<Entry> entries) {
        ByteArrayBuilder out = new ByteArrayBuilder(HEADER.length + 200 * entries.size());
        out.write(HEADER);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (Entry e : entries) {
                InputRecord r = e.input();
                g.writeStartArray();
                g.writeString(r.role());
                g.writeString(r.recordType());
                g.writeNumber(r.recordId());
                g.writeNumber(r.uploadId());
                g.writeString(r.fileName());
                g.writeString(r.sheet());
                g.writeNumber(r.row());
                g.writeString(r.uniqueId());
                number(g, r.value());
                number(g, e.isOps() ? r.bypassFlowMgd() : null);
                number(g, e.isOps() ? null : r.uncertainty());
                number(g, e.isOps() ? null : e.uUsed());
                number(g, r.flag());
                g.writeString(r.flagName());
                number(g, r.autoFlag());
                number(g, r.overrideId());
                number(g, r.qaqcConfigVersion());
                g.writeStartArray();
                for (String reason : r.qaqcReasons()) {
                    g.writeString(reason);
                }
                g.writeEndArray();
                g.writeBoolean(e.used());
                g.writeString(e.excludedBecause());
                InputRecord.Reported rep = r.reported();
                number(g, rep.isCensored() ? e.valueUsed() : null);
                number(g, rep.originalValue());
                g.writeString(rep.originalUnit());
                g.writeString(rep.censoring());
                number(g, rep.detectionLimit());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by an in-memory buffer
        }
        out.write('}');
        return out.toByteArray();
    }

    /** Stored lineage as records: the compact table of this release, or an earlier release's array of objects. */
    @SuppressWarnings("unchecked")
    public static List<StoredInput> inputs(String stored, ObjectMapper json) {
        if (stored == null) {
            return List.of();
        }
        Object parsed;
        try {
            parsed = json.readValue(stored, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored lineage is not JSON", e);
        }
        List<StoredInput> out = new ArrayList<>();
        if (parsed instanceof Map<?, ?> table) {
            List<String> columns = (List<String>) table.get("columns");
            for (List<Object> row : (List<List<Object>>) table.get("rows")) {
                Map<String, Object> byName = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    byName.put(columns.get(i), row.get(i));
                }
                out.add(input(byName));
            }
        } else {
            for (Object o : (List<Object>) parsed) {
                out.add(input((Map<String, Object>) o)); // an earlier release's object per input
            }
        }
        return out;
    }

    private static StoredInput input(Map<String, Object> m) {
        return new StoredInput((String) m.get("role"), (String) m.get("record_type"), longOf(m, "record_id"),
                longOf(m, "upload_id"), (String) m.get("file_name"), (String) m.get("sheet"), intOf(m, "row"),
                (String) m.get("unique_id"), doubleOf(m, "value"), doubleOf(m, "bypass_flow_mgd"),
                doubleOf(m, "uncertainty_mg_per_l"), doubleOf(m, "u_used_mg_per_l"), intOf(m, "qaqc_flag"),
                (String) m.get("qaqc_flag_name"), intOf(m, "qaqc_auto_flag"), longObject(m, "qaqc_override_id"),
                intOf(m, "qaqc_config_version"), strings(m.get("qaqc_reasons")), Boolean.TRUE.equals(m.get("used")),
                (String) m.get("excluded_because"), doubleOf(m, "value_used"), doubleOf(m, "original_value"),
                (String) m.get("original_unit"), (String) m.get("censoring"), doubleOf(m, "detection_limit"));
    }

    /** The API's form of stored lineage (see {@link StoredInput#apiForm}). */
    public static List<Map<String, Object>> read(String stored, ObjectMapper json) {
        return stored == null ? null : inputs(stored, json).stream().map(StoredInput::apiForm).toList();
    }

    private static long longOf(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static Long longObject(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : null;
    }

    private static Integer intOf(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.intValue() : null;
    }

    private static Double doubleOf(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** What of the inputs identifies a figure (see {@link RemovalCalculator}): each one's role, value, flag, use. */
    static void fingerprint(List<Entry> entries, StringBuilder b) {
        // by what they say, not by which record says it: an overlapping export that repeats a day's values (a new
        // record, the same numbers and flags) does not make a new version
        for (Entry e : entries) {
            InputRecord r = e.input();
            b.append('|').append(r.role()).append(':').append(r.value()).append(':')
                    .append(e.isOps() ? null : r.uncertainty()).append(':').append(r.flag()).append(':')
                    .append(e.used());
            if (r.reported().isCensored()) {
                // only then: the fingerprints of uncensored inputs stay those earlier releases stored
                b.append(':').append(r.reported().censoring()).append(r.reported().detectionLimit()).append(':')
                        .append(e.valueUsed());
            }
        }
    }

    private static void number(JsonGenerator g, Number n) throws IOException {
        if (n == null) {
            g.writeNull();
        } else if (n instanceof Double d) {
            g.writeNumber(d);
        } else {
            g.writeNumber(n.longValue());
        }
    }
}
