package org.carbonmrv.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The exports of a plant that is neither of the sample corpus', as a new plant sends them: a daily log workbook in
 * m³/d with a title and an export time above its header and a "Monthly Total" row after its days, and the layout
 * that reads it (data, not code).
 */
public final class NewPlantFiles {

    /** One day of the log: effluent and influent flow in m³/d. */
    public record Day(LocalDate day, double effluentM3PerDay, double influentM3PerDay) {
    }

    public static final String SHEET = "Daily Log";

    /** One lab measurement of calcium, as the lab writes it (value may be "<5", "ND"…; uncertainty may be empty). */
    public record LabRow(String plant, LocalDate date, String point, String value, String uncertainty, String unit) {
    }

    /** Lab results in the corpus' 23-column lab layout (lab-calcium). */
    public static String labCsv(List<LabRow> rows) {
        StringBuilder b = new StringBuilder("unique_id,date,time_analyzed,medium,data_type,data_provider,instrument,"
                + "replicate_num,analytical_session_id,plant_id,unit_type_id,unit_sub_id,measurement_point,"
                + "parameter_name,units,value,uncertainty,source_file,source_sheet,source_col_idx,date_generated,"
                + "notes,flag_match\n");
        int n = 0;
        for (LabRow r : rows) {
            n++;
            b.append(String.join(",", r.plant() + "_" + r.point() + "_" + r.date() + "_" + n, r.date().toString(),
                    r.date().toString(), "aqueous", "deployment", "CREW", "IC", "1", "S1", r.plant(), r.point(), "",
                    "outlet", "calcium", r.unit(), r.value(), r.uncertainty() == null ? "" : r.uncertainty(),
                    "raw.csv", "sheet", "", "1900-01-01", "", "TRUE")).append('\n');
        }
        return b.toString();
    }

    private NewPlantFiles() {
    }

    /** The workbook: A1 title, A2 export time, row 4 the header, then a row per day and the monthly total. */
    public static byte[] dailyLog(String title, String exported, List<Day> days) {
        return dailyLog(title, exported, days, "m3/d");
    }

    /** The same, its header stating the flows' unit as {@code unit}. */
    public static byte[] dailyLog(String title, String exported, List<Day> days, String unit) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet(SHEET);
            s.createRow(0).createCell(0).setCellValue(title);
            s.createRow(1).createCell(0).setCellValue("Exported: " + exported);
            Row h = s.createRow(3);
            h.createCell(0).setCellValue("Date");
            h.createCell(1).setCellValue("Effluent Flow (" + unit + ")");
            h.createCell(2).setCellValue("Influent Flow (" + unit + ")");
            int r = 4;
            double eff = 0;
            double inf = 0;
            for (Day d : days) {
                Row row = s.createRow(r++);
                row.createCell(0).setCellValue(d.day().toString());
                row.createCell(1).setCellValue(d.effluentM3PerDay());
                row.createCell(2).setCellValue(d.influentM3PerDay());
                eff += d.effluentM3PerDay();
                inf += d.influentM3PerDay();
            }
            Row total = s.createRow(r);
            total.createCell(0).setCellValue("Monthly Total");
            total.createCell(1).setCellValue(eff);
            total.createCell(2).setCellValue(inf);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pH logger's layout whose timestamps are UTC (header "Timestamp UTC"), the rest as the corpus' logs. */
    public static Map<String, Object> utcSensorLayout() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("description", "minute pH log kept in UTC");
        d.put("detect", Map.of("required_headers", List.of("Timestamp UTC", "Measurement value", "sensor_id")));
        d.put("columns", Map.of("timestamp", "Timestamp UTC", "value", "Measurement value", "unit", "Unit",
                "sensor", "sensor_id", "point", "unit_type_id", "plant", "plant_id"));
        d.put("required_fields", List.of("timestamp", "value", "sensor"));
        d.put("timestamp_formats", List.of("yyyy-MM-dd HH:mm:ss"));
        d.put("timestamp_zone", "UTC");
        d.put("units", Map.of("value", "per_row"));
        return Map.of("record_type", "sensor", "format", "csv", "definition", d);
    }

    /**
     * The layout of that log: the sheet, the header row (its names carry their unit), the date column, the total row
     * as a non-day label, the export time, and the unit each quantity is in (checked against the header).
     */
    public static Map<String, Object> dailyLogLayout() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("description", "a plant's daily log in m3/d: title in A1, export time in A2, header in row 4");
        d.put("detect", Map.of("sheet_name", SHEET));
        d.put("sheet", SHEET);
        d.put("header", Map.of("first_row", 4, "last_row", 4));
        d.put("units_in_headers", true);
        d.put("data_start_row", 5);
        d.put("date_column", "A");
        d.put("date_formats", List.of("yyyy-MM-dd"));
        d.put("generated_at_cell", Map.of("cell", "A2", "formats", List.of("'EXPORTED: 'yyyy-MM-dd HH:mm")));
        d.put("columns", Map.of("effluent_flow_mgd", "^Effluent Flow", "influent_flow_mgd", "^Influent Flow"));
        d.put("required_fields", List.of("effluent_flow_mgd"));
        d.put("units", Map.of("effluent_flow_mgd", "m3/d", "influent_flow_mgd", "m3/d"));
        d.put("non_day_labels", List.of("Monthly Total"));
        return Map.of("record_type", "ops", "format", "workbook", "definition", d);
    }
}
