package org.carbonmrv.ingest.layout;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A layout profile: how to read one family of exports, as data. CSV profiles map fields to header names; workbook
 * profiles name the sheet, the header block and how its rows join into column names, then map fields to regular
 * expressions over those names.
 *
 * @param description    what the layout is, for people
 * @param detect         how to recognise the layout from a file's content
 * @param columns        field → header name (csv) or regular expression over the joined header (workbook)
 * @param requiredFields fields whose column must be present, or the file is rejected
 * @param units          quantity field → the unit its source column is in ({@code "m3/d"}: the record stores the
 *                       canonical unit, MGD), or {@code "per_row"}: each row's {@code unit} column states it; a
 *                       unit the header also states must agree with it
 * @param unitsInHeaders whether the header names each column's unit ({@code Effluent Flow (m3/d)}, {@code [MGD]});
 *                       a workbook's unit row or unit line is always read
 * @param timestampZone  how sensor timestamps are read: {@code plant} (local time of the plant's registered zone),
 *                       {@code offset} (each timestamp carries its offset or Z), or an IANA zone ({@code UTC},
 *                       {@code America/Chicago})
 * @param censoredMarkers texts that mean "not detected" in a lab value (ND, BDL…); defaults when absent
 * @param dateFormats    patterns for dates written as text (java.time, e.g. M/d/yyyy)
 * @param timestampFormats patterns for timestamps written as text
 * @param sheet          workbook sheet name
 * @param header         workbook header block
 * @param dataStartRow   first row (1-based) that may hold a day
 * @param dateColumn     column letter of the day's date
 * @param plantCell      cell holding the plant id (workbook), when the file names it
 * @param generatedAtCell cell holding the export's generation time (workbook)
 * @param nonDayLabels   texts in the date column that mark summary rows (Sum, TOTAL…), case-insensitive
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LayoutDefinition(
        String description,
        @NotNull @Valid Detect detect,
        @NotEmpty Map<String, String> columns,
        List<String> requiredFields,
        Map<String, String> units,
        Boolean unitsInHeaders,
        String timestampZone,
        List<String> censoredMarkers,
        List<String> dateFormats,
        List<String> timestampFormats,
        String sheet,
        @Valid Header header,
        Integer dataStartRow,
        String dateColumn,
        CellRef plantCell,
        CellRef generatedAtCell,
        List<String> nonDayLabels) {

    /**
     * @param requiredHeaders csv: header names that must all be present
     * @param sheetName       workbook: a sheet with this name must exist
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detect(List<String> requiredHeaders, String sheetName) {
    }

    /**
     * @param firstRow          first header row (1-based)
     * @param lastRow           last header row holding name fragments
     * @param groupRows         rows whose text names a group of columns (filled to the right until the next one)
     * @param ignoreRows        rows inside the block that carry no name (e.g. column numbers)
     * @param unitRow           row holding each column's unit
     * @param cellLineSeparator when one header cell holds several parts on separate lines (name, code, unit…)
     * @param frequencyWords    trailing line words that are a reporting frequency, not a unit (Daily…)
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Header(int firstRow, int lastRow, List<Integer> groupRows, List<Integer> ignoreRows,
            Integer unitRow, String cellLineSeparator, List<String> frequencyWords) {
    }

    /** @param cell A1-style reference; @param formats java.time patterns when the cell holds text */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CellRef(String cell, List<String> formats) {
    }
}
