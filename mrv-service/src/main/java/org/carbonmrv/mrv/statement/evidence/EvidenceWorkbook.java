package org.carbonmrv.mrv.statement.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.carbonmrv.mrv.removal.StoredInput;
import org.carbonmrv.mrv.removal.query.FigureVersion;
import org.carbonmrv.mrv.statement.StatementDocument;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workbook in which every number of the statement is a live formula over the inputs, so that a verifier
 * recomputes them in Excel or LibreOffice without this system: "constants" (each methodology's constants and the
 * factor they give), "inputs" (every input of every day, used or excluded, with its qaqc flag), "days" (each day's
 * flow, calcium means, CO₂ and uncertainty as formulas over "inputs", beside the statement's figure), "totals" (the
 * period's totals as formulas over "days", beside the statement's).
 */
public final class EvidenceWorkbook {

    /** Columns of "inputs" (A…): the formulas of "days" refer to them by letter. */
    private static final List<String> INPUT_COLUMNS = List.of("day", "role", "record_type", "record_id",
            "upload_id", "file_name", "sheet", "row", "unique_id", "value", "censoring", "value_used",
            "uncertainty_given", "u_used", "u_used_squared", "used", "qaqc_flag", "qaqc_flag_name", "qaqc_reasons",
            "excluded_because", "original_value", "original_unit");
    private static final List<String> DAY_COLUMNS = List.of("day", "figure_version", "flag", "methodology_id",
            "factor_t_per_mg_l_mgd", "flow_mgd", "n_upstream", "ca_upstream_mg_per_l", "n_downstream",
            "ca_downstream_mg_per_l", "delta_ca_mg_per_l", "co2_t", "u_upstream_mg_per_l", "u_downstream_mg_per_l",
            "u_co2_ca_t", "u_co2_ca_t_squared", "flow_relative_uncertainty", "u_co2_flow_t", "u_co2_t",
            "conservative_co2_t", "statement_co2_t", "statement_u_co2_t");

    private EvidenceWorkbook() {
    }

    /** @param figures each day's figure version with its lineage, as the statement took them, in day order */
    public static byte[] build(StatementDocument s, List<FigureVersion> figures) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(s.issuedAt().toInstant())));
            wb.getProperties().getCoreProperties().setCreator("carbon-mrv statement " + s.plant() + " v"
                    + s.version());
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            constants(wb.createSheet("constants"), s.methodologies());
            int inputs = inputs(wb.createSheet("inputs"), figures, date);
            days(wb.createSheet("days"), s, figures, inputs, date);
            totals(wb.createSheet("totals"), s, figures.size());
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return Zips.normalized(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row per methodology: its constants and the factor (t CO₂ per mg/L gained at 1 MGD) as a formula. */
    private static void constants(Sheet sheet, List<StatementDocument.MethodologyUsed> methodologies) {
        header(sheet, List.of("methodology_id", "version", "m3_per_million_gallons", "l_per_m3",
                "molar_mass_caco3_g_per_mol", "molar_mass_ca_g_per_mol", "molar_mass_co2_g_per_mol",
                "factor_t_per_mg_l_mgd", "ca_default_relative"));
        int r = 1;
        for (StatementDocument.MethodologyUsed m : methodologies) {
            JsonNode c = m.definition().path("constants");
            Row row = sheet.createRow(r);
            row.createCell(0).setCellValue(m.id());
            row.createCell(1).setCellValue(m.version());
            int col = 2;
            for (String k : List.of("m3_per_million_gallons", "l_per_m3", "molar_mass_caco3_g_per_mol",
                    "molar_mass_ca_g_per_mol", "molar_mass_co2_g_per_mol")) {
                row.createCell(col++).setCellValue(c.path(k).asDouble());
            }
            int n = r + 1;
            // the methodology's own formula: m³/MG × L/m³ × (CaCO₃/Ca) × (CO₂/CaCO₃) / 10⁹
            row.createCell(7).setCellFormula("C" + n + "*D" + n + "*(E" + n + "/F" + n + ")*(G" + n + "/E" + n
                    + ")/1E9");
            row.createCell(8).setCellValue(m.definition().path("uncertainty").path("ca_default_relative")
                    .asDouble());
            r++;
        }
    }

    /** @return the number of input rows */
    private static int inputs(Sheet sheet, List<FigureVersion> figures, CellStyle date) {
        header(sheet, INPUT_COLUMNS);
        int r = 1;
        for (int d = 0; d < figures.size(); d++) {
            FigureVersion f = figures.get(d);
            int dayRow = d + 2;
            for (StoredInput i : f.inputs()) {
                Row row = sheet.createRow(r);
                int n = r + 1;
                dateCell(row, 0, f.day(), date);
                text(row, 1, i.role());
                text(row, 2, i.recordType());
                row.createCell(3).setCellValue(i.recordId());
                row.createCell(4).setCellValue(i.uploadId());
                text(row, 5, i.fileName());
                text(row, 6, i.sheet());
                number(row, 7, i.row());
                text(row, 8, i.uniqueId());
                number(row, 9, i.value());
                text(row, 10, i.censoring());
                number(row, 11, i.valueUsed() != null ? i.valueUsed() : i.value());
                number(row, 12, i.uncertaintyMgPerL());
                if (!i.isOps()) {
                    // the methodology's rule: the reading's own uncertainty, unless censored or absent; then the
                    // default relative uncertainty of the value used (the day's methodology, from "constants")
                    row.createCell(13).setCellFormula("IF(AND(K" + n + "=\"\",ISNUMBER(M" + n + ")),M" + n
                            + ",VLOOKUP(days!D" + dayRow + ",constants!$A:$I,9,FALSE)*ABS(L" + n + "))");
                    row.createCell(14).setCellFormula("N" + n + "^2");
                }
                row.createCell(15).setCellValue(i.used());
                number(row, 16, i.qaqcFlag());
                text(row, 17, i.qaqcFlagName());
                text(row, 18, String.join("; ", i.qaqcReasons()));
                text(row, 19, i.excludedBecause());
                number(row, 20, i.originalValue());
                text(row, 21, i.originalUnit());
                r++;
            }
        }
        return r - 1;
    }

    private static void days(Sheet sheet, StatementDocument s, List<FigureVersion> figures, int inputs,
            CellStyle date) {
        header(sheet, DAY_COLUMNS);
        String last = String.valueOf(inputs + 1);
        Map<LocalDate, StatementDocument.Day> byDay = new java.util.HashMap<>();
        s.days().forEach(d -> byDay.put(d.day(), d));
        int r = 1;
        for (FigureVersion f : figures) {
            Row row = sheet.createRow(r);
            String n = String.valueOf(r + 1);
            StatementDocument.Day d = byDay.get(f.day());
            dateCell(row, 0, f.day(), date);
            row.createCell(1).setCellValue(f.version());
            text(row, 2, f.flag().name());
            row.createCell(3).setCellValue(f.methodologyId());
            row.createCell(4).setCellFormula("VLOOKUP(D" + n + ",constants!$A:$H,8,FALSE)");
            if (f.co2T() != null) {
                formulas(row, n, last, f);
            }
            number(row, 20, d.co2T());
            number(row, 21, d.uCo2T());
            r++;
        }
    }

    /** A computed day's figure as formulas over "inputs" (rows 2…last). */
    private static void formulas(Row row, String n, String last, FigureVersion f) {
        String in = "inputs!$A$2:$A$" + last;
        String role = "inputs!$B$2:$B$" + last;
        String used = "inputs!$P$2:$P$" + last;
        String sel = in + ",A" + n + "," + role + ",\"%s\"," + used + ",TRUE";
        row.createCell(5).setCellFormula("SUMIFS(inputs!$J$2:$J$" + last + "," + String.format(sel, "ops") + ")");
        row.createCell(6).setCellFormula("COUNTIFS(" + String.format(sel, "ca_upstream") + ")");
        row.createCell(7).setCellFormula("AVERAGEIFS(inputs!$L$2:$L$" + last + "," + String.format(sel,
                "ca_upstream") + ")");
        row.createCell(8).setCellFormula("COUNTIFS(" + String.format(sel, "ca_downstream") + ")");
        row.createCell(9).setCellFormula("AVERAGEIFS(inputs!$L$2:$L$" + last + "," + String.format(sel,
                "ca_downstream") + ")");
        row.createCell(10).setCellFormula("J" + n + "-H" + n);
        row.createCell(11).setCellFormula("K" + n + "*F" + n + "*E" + n);
        row.createCell(12).setCellFormula("SQRT(SUMIFS(inputs!$O$2:$O$" + last + "," + String.format(sel,
                "ca_upstream") + "))/G" + n);
        row.createCell(13).setCellFormula("SQRT(SUMIFS(inputs!$O$2:$O$" + last + "," + String.format(sel,
                "ca_downstream") + "))/I" + n);
        row.createCell(14).setCellFormula("E" + n + "*F" + n + "*SQRT(M" + n + "^2+N" + n + "^2)");
        row.createCell(15).setCellFormula("O" + n + "^2");
        double delta = f.deltaCaMgPerL() == null ? 0 : Math.abs(f.deltaCaMgPerL());
        double flowRelative = delta == 0 || f.flowMgd() == null || f.flowMgd() == 0 ? 0
                : f.uCo2FlowT() / (f.co2T() / f.deltaCaMgPerL() * delta);
        // the plant's effluent meter's relative standard uncertainty, as the figure was computed with it
        row.createCell(16).setCellValue(Math.abs(flowRelative));
        row.createCell(17).setCellFormula("E" + n + "*ABS(K" + n + ")*F" + n + "*Q" + n);
        row.createCell(18).setCellFormula("SQRT(O" + n + "^2+R" + n + "^2)");
        row.createCell(19).setCellFormula("L" + n + "-totals!$B$6*S" + n);
    }

    private static void totals(Sheet sheet, StatementDocument s, int days) {
        String last = String.valueOf(days + 1);
        String valid = "days!$C$2:$C$" + last + ",\"VALID\"";
        header(sheet, List.of("quantity", "recomputed here", "statement"));
        StatementDocument.Totals t = s.totals();
        total(sheet, 1, "valid_co2_t", "SUMIFS(days!$L$2:$L$" + last + "," + valid + ")", t.validCo2T());
        total(sheet, 2, "u_valid_co2_t", "SQRT(SUMIFS(days!$P$2:$P$" + last + "," + valid + ")+SUMIFS(days!$R$2:$R$"
                + last + "," + valid + ")^2)", t.uValidCo2T());
        total(sheet, 3, "conservative_co2_t", "B2-B6*B3", t.conservativeCo2T());
        total(sheet, 4, "valid_days", "COUNTIFS(" + valid + ")", t.validDays());
        Row k = sheet.createRow(5);
        k.createCell(0).setCellValue("coverage_factor");
        k.createCell(1).setCellValue(t.coverageFactor());
        k.createCell(2).setCellValue(t.coverageFactor());
    }

    private static void total(Sheet sheet, int r, String name, String formula, double statement) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(name);
        row.createCell(1).setCellFormula(formula);
        row.createCell(2).setCellValue(statement);
    }

    private static void header(Sheet sheet, List<String> names) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            h.createCell(i).setCellValue(names.get(i));
        }
    }

    private static void dateCell(Row row, int col, LocalDate day, CellStyle date) {
        Cell c = row.createCell(col);
        c.setCellValue(day);
        c.setCellStyle(date);
    }

    private static void text(Row row, int col, String value) {
        if (value != null) {
            row.createCell(col).setCellValue(value);
        }
    }

    private static void number(Row row, int col, Number value) {
        if (value != null) {
            row.createCell(col).setCellValue(value.doubleValue());
        }
    }
}
