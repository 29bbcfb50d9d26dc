package org.carbonmrv.mrv.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.poi.ss.usermodel.Cell;
import org.carbonmrv.mrv.plant.PlantSettingsReader;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
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

    /** An export column: its header and its value of a day (plant names from the registry). */
    private record Column(String name, BiFunction<DayRow, Map<String, String>, Object> value) {
    }

    /** Export columns: the first seven are those of the corpus' expected daily_removals.csv. */
    private static final List<Column> DAY_COLUMNS = List.of(new Column("plant_id", (d, n) -> d.plant()),
            new Column("date", (d, n) -> d.day()), new Column("flag", (d, n) -> d.flag()),
            new Column("flow_mgd", (d, n) -> d.flowMgd()),
            new Column("ca_upstream_mg_per_l", (d, n) -> d.caUpstreamMgPerL()),
            new Column("ca_downstream_mg_per_l", (d, n) -> d.caDownstreamMgPerL()),
            new Column("co2_t", (d, n) -> d.co2T()), new Column("delta_ca_mg_per_l", (d, n) -> d.deltaCaMgPerL()),
            new Column("u_co2_t", (d, n) -> d.uCo2T()),
            new Column("conservative_co2_t", (d, n) -> d.conservativeCo2T()),
            new Column("needs_review", (d, n) -> d.needsReview()),
            new Column("approval_state", (d, n) -> d.approvalState()), new Column("version", (d, n) -> d.version()),
            new Column("pending_version", (d, n) -> d.pendingVersion()),
            new Column("n_upstream", (d, n) -> d.nUpstream()), new Column("n_downstream", (d, n) -> d.nDownstream()),
            new Column("qaqc_config_versions", (d, n) -> d.qaqcConfigVersions()),
            new Column("methodology_id", (d, n) -> d.methodologyId()),
            new Column("computed_at", (d, n) -> d.computedAt()), new Column("message", (d, n) -> d.message()),
            new Column("plant_name", (d, n) -> n.get(d.plant())));

    public static final List<String> COLUMNS = DAY_COLUMNS.stream().map(Column::name).toList();

    private static final List<String> TOTAL_COLUMNS = List.of("plant", "period", "first_day", "last_day", "days",
            "needs_review_days", "valid_co2_t", "u_valid_co2_t", "conservative_valid_co2_t", "coverage_factor",
            "days_by_flag", "days_by_approval_state");

    private final ObjectMapper json;
    private final PlantSettingsReader plants;

    public ExportService(ObjectMapper json, PlantSettingsReader plants) {
        this.json = json;
        this.plants = plants;
    }

    /** Text that a spreadsheet must not evaluate. */
    public static boolean isFormulaLike(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }

    public static String csvText(Object v) {
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

    public StreamingOutput csv(List<DayRow> days) {
        Map<String, String> names = plants.displayNames();
        return out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (CsvWriter csv = CsvWriter.builder().build(w)) {
                csv.writeRecord(COLUMNS);
                List<String> fields = new ArrayList<>(COLUMNS.size());
                for (DayRow d : days) {
                    fields.clear();
                    for (Column c : DAY_COLUMNS) {
                        fields.add(csvText(c.value().apply(d, names)));
                    }
                    csv.writeRecord(fields);
                }
            }
        };
    }

    public StreamingOutput xlsx(List<DayRow> days, List<PeriodSummary> totals, Map<String, Object> methodology) {
        Map<String, String> names = plants.displayNames();
        return out -> {
            try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
                CellStyle quoted = wb.createCellStyle();
                quoted.setQuotePrefixed(true);
                Sheet sheet = wb.createSheet("days");
                header(sheet, COLUMNS);
                int r = 1;
                for (DayRow d : days) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < DAY_COLUMNS.size(); i++) {
                        cell(row, i, DAY_COLUMNS.get(i).value().apply(d, names), quoted);
                    }
                }
                Sheet t = wb.createSheet("totals");
                header(t, TOTAL_COLUMNS);
                r = 1;
                for (PeriodSummary total : totals) {
                    Row row = t.createRow(r++);
                    List<Object> values = Arrays.asList(total.plant(), total.period(), total.firstDay(),
                            total.lastDay(), total.days(), total.needsReviewDays(), total.validCo2T(), total.uValidCo2T(),
                            total.conservativeValidCo2T(), total.coverageFactor(), toJson(total.daysByFlag()),
                            toJson(total.daysByApprovalState()));
                    for (int i = 0; i < values.size(); i++) {
                        cell(row, i, values.get(i), quoted);
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
