package org.carbonmrv.mrv.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * CSV and XLSX of the listed days. Numbers are written as numbers, at full precision; text that a spreadsheet
 * would run as a formula ({@code = + - @}, tab, CR) is escaped: a leading apostrophe in CSV, a quote-prefixed
 * text cell in XLSX.
 */
@ApplicationScoped
public class ExportService {

    /** Export columns: the first seven are those of the corpus' expected daily_removals.csv. */
    public static final List<String> COLUMNS = List.of("plant_id", "date", "flag", "flow_mgd",
            "ca_upstream_mg_per_l", "ca_downstream_mg_per_l", "co2_t", "delta_ca_mg_per_l", "u_co2_t",
            "conservative_co2_t", "needs_review", "approval_state", "version", "pending_version", "n_upstream",
            "n_downstream", "qaqc_config_versions", "methodology_id", "computed_at", "message", "plant_name");

    private final ObjectMapper json;
    private final org.carbonmrv.common.Sql sql;

    public ExportService(ObjectMapper json, org.carbonmrv.common.Sql sql) {
        this.json = json;
        this.sql = sql;
    }

    /** Each plant's display name in the registry (ingest.v_plant): text people gave, so escaped like any other. */
    private Map<String, String> plantNames() {
        Map<String, String> names = new java.util.HashMap<>();
        sql.rows("select plant, display_name from ingest.v_plant", List.of())
                .forEach(r -> names.put((String) r.get("plant"), (String) r.get("display_name")));
        return names;
    }

    private static Object value(Map<String, Object> day, String column, Map<String, String> names) {
        return switch (column) {
            case "plant_id" -> day.get("plant");
            case "date" -> day.get("day");
            case "plant_name" -> names.get((String) day.get("plant"));
            default -> day.get(column);
        };
    }

    /** Text that a spreadsheet must not evaluate. */
    public static boolean isFormulaLike(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }

    static String csvText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList()) : v.toString();
        return isFormulaLike(s) ? "'" + s : s;
    }

    public StreamingOutput csv(List<Map<String, Object>> days) {
        Map<String, String> names = plantNames();
        return out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (CsvWriter csv = CsvWriter.builder().build(w)) {
                csv.writeRecord(COLUMNS);
                List<String> fields = new ArrayList<>(COLUMNS.size());
                for (Map<String, Object> d : days) {
                    fields.clear();
                    for (String c : COLUMNS) {
                        fields.add(csvText(value(d, c, names)));
                    }
                    csv.writeRecord(fields);
                }
            }
        };
    }

    public StreamingOutput xlsx(List<Map<String, Object>> days, List<Map<String, Object>> totals,
            Map<String, Object> methodology) {
        Map<String, String> names = plantNames();
        return out -> {
            try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
                CellStyle quoted = wb.createCellStyle();
                quoted.setQuotePrefixed(true);
                Sheet sheet = wb.createSheet("days");
                header(sheet, COLUMNS);
                int r = 1;
                for (Map<String, Object> d : days) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        cell(row, i, value(d, COLUMNS.get(i), names), quoted);
                    }
                }
                List<String> totalColumns = List.of("plant", "period", "first_day", "last_day", "days",
                        "needs_review_days", "valid_co2_t", "u_valid_co2_t", "conservative_valid_co2_t",
                        "coverage_factor", "days_by_flag", "days_by_approval_state");
                Sheet t = wb.createSheet("totals");
                header(t, totalColumns);
                r = 1;
                for (Map<String, Object> total : totals) {
                    Row row = t.createRow(r++);
                    for (int i = 0; i < totalColumns.size(); i++) {
                        Object v = total.get(totalColumns.get(i));
                        cell(row, i, v instanceof Map ? toJson(v) : v, quoted);
                    }
                }
                Sheet m = wb.createSheet("methodology");
                header(m, List.of("item", "value"));
                r = 1;
                for (Map.Entry<String, Object> e : methodology.entrySet()) {
                    Row row = m.createRow(r++);
                    cell(row, 0, e.getKey(), quoted);
                    cell(row, 1, e.getValue() instanceof String s ? s : toJson(e.getValue()), quoted);
                }
                wb.write(out);
                wb.dispose();
            }
        };
    }

    private static void header(Sheet sheet, List<String> columns) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            h.createCell(i).setCellValue(columns.get(i));
        }
    }

    private static void cell(Row row, int column, Object v, CellStyle quoted) {
        if (v == null) {
            return;
        }
        Cell c = row.createCell(column);
        if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
        } else if (v instanceof Boolean b) {
            c.setCellValue(b);
        } else {
            String s = v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList())
                    : v.toString();
            c.setCellValue(s);
            if (isFormulaLike(s)) {
                c.setCellStyle(quoted);
            }
        }
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
