package org.carbonmrv.ingest.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonmrv.common.units.Conversion;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutFields;
import org.carbonmrv.ingest.parse.time.LocalTimeline;
import org.carbonmrv.ingest.parse.time.SensorClock;
import org.carbonmrv.ingest.plant.PlantVersion;

import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Rows of a sensor log: plant (registered), the timestamp as an instant (local times of the plant's or the layout's
 * zone read per series in file order, so that a fall-back's repeated hour is told apart when the file's order tells
 * it; or times with their offset), sensor, value (non-numeric text kept as a missing reading) and its unit.
 */
final class SensorRows implements CsvRecordParser.RowReader {

    private final CsvColumns cols;
    private final LayoutDefinition def;
    private final ParseContext ctx;
    private final SensorClock clock;
    private final RowPlants plants;
    private final int plantAt;
    private final int timestampAt;
    private final int sensorAt;
    private final int valueAt;
    private final int pointAt;
    private final int unitAt;
    /** This file's series and their timelines: few, often interleaved row by row (two probes, one minute). */
    private final List<Series> series = new ArrayList<>();

    private record Series(String plant, String sensor, String point, String unit, LocalTimeline timeline,
            PlantVersion registry, Optional<Conversion> conversion) {
        boolean is(String p, String s, String pt, String u) {
            return sensor.equals(s) && plant.equals(p) && Objects.equals(point, pt) && Objects.equals(unit, u);
        }
    }

    SensorRows(CsvColumns cols, ParseContext ctx) {
        this.cols = cols;
        this.def = ctx.profile().definition();
        this.ctx = ctx;
        this.clock = SensorClock.of(def.timestampZone(), def.timestampFormats());
        this.plants = new RowPlants(ctx, cols.header("plant"));
        this.plantAt = cols.indexOf("plant");
        this.timestampAt = cols.indexOf("timestamp");
        this.sensorAt = cols.indexOf("sensor");
        this.valueAt = cols.indexOf("value");
        this.pointAt = cols.indexOf("point");
        this.unitAt = cols.indexOf("unit");
    }

    @Override
    public boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report) {
        String plant = plants.of(CsvColumns.get(rec, plantAt), line, report);
        String sensor = CsvColumns.get(rec, sensorAt);
        if (Values.isBlank(sensor)) {
            report.error(ParseProblem.at(line, cols.header("sensor"), "empty sensor id"));
        }
        if (plant == null || Values.isBlank(sensor)) {
            return false;
        }
        String point = LabRows.emptyToNull(CsvColumns.get(rec, pointAt));
        Series s = series(plant, sensor, point, unit(rec), line, report);
        if (s == null) {
            return false;
        }
        String tsText = CsvColumns.get(rec, timestampAt);
        long micros = clock.read(tsText, s.timeline);
        if (micros == SensorClock.UNREADABLE || micros == SensorClock.NONEXISTENT) {
            report.error(ParseProblem.at(line, cols.header("timestamp"), micros == SensorClock.NONEXISTENT
                    ? LocalTimeline.nonexistent(clock.local(tsText), clock.zoneFor(s.registry.zone()))
                    : "'" + tsText + "' is not a timestamp " + clock.describe() + " (expected "
                            + def.timestampFormats() + ")"));
            return false;
        }
        if (!inActivePeriod(s, micros, line, report)) {
            return false;
        }
        String raw = CsvColumns.get(rec, valueAt);
        Double value = Values.number(raw);
        if (value == null) {
            report.warn(ParseProblem.at(line, cols.header("value"), raw.isEmpty() ? "empty value: kept as a missing "
                    + "reading" : "value '" + raw + "' is not a number: kept as text"));
        } else if (s.conversion.isPresent()) {
            value = s.conversion.get().apply(value);
        }
        sink.sensor(new RecordSink.SensorRecord(line, plant, sensor, point, micros, value, value == null ? raw : null,
                s.conversion.map(c -> c.from().quantity().canonicalSymbol).orElse(s.unit)));
        return true;
    }

    private String unit(CsvRecord rec) {
        String u = LabRows.emptyToNull(CsvColumns.get(rec, unitAt));
        return u != null ? u : cols.statedUnit().get("value");
    }

    /** The row's series, created on first sight with its timeline and unit; null when its unit is refused. */
    private Series series(String plant, String sensor, String point, String unit, long line, ParseReport report) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.is(plant, sensor, point, unit)) {
                return s;
            }
        }
        String declared = def.units() == null ? null : def.units().get("value");
        if (LayoutFields.PER_ROW.equals(declared)) {
            declared = null;
        }
        ColumnUnit.Resolution r = ColumnUnit.resolve("value", cols.header(unitAt >= 0 ? "unit" : "value"), declared,
                unit, Optional.empty(), Optional.empty());
        Optional<Conversion> conversion = Optional.empty();
        if (r instanceof ColumnUnit.Resolved ok) {
            conversion = ok.conversion().isIdentity() ? Optional.empty() : Optional.of(ok.conversion());
        } else if (declared != null || unit == null) {
            report.error(ParseProblem.at(line, cols.header(unitAt >= 0 ? "unit" : "value"),
                    ((ColumnUnit.Unresolved) r).reason()));
            return null;
        } // else: a unit without a conversion here (µS/cm): the series keeps it as written
        PlantVersion registry = ctx.plant(plant).orElseThrow();
        ZoneId zone = clock.zoneFor(registry.zone());
        Series s = new Series(plant, sensor, point, unit != null ? unit : declared, zone == null ? null
                : new LocalTimeline(zone), registry, conversion);
        series.add(s);
        return s;
    }

    private boolean inActivePeriod(Series s, long micros, long line, ParseReport report) {
        PlantDefinitionPeriod period = PlantDefinitionPeriod.of(s.registry);
        if (period == null) {
            return true;
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)),
                s.registry.zone());
        String outside = s.registry.outsideActivePeriod(day);
        if (outside != null) {
            report.error(ParseProblem.at(line, cols.header("timestamp"), outside));
            return false;
        }
        return true;
    }

    /** Whether a plant has an active period at all (most do not: then no day is computed per row). */
    private record PlantDefinitionPeriod(LocalDate from, LocalDate to) {
        static PlantDefinitionPeriod of(PlantVersion p) {
            return p.definition().activeFrom() == null && p.definition().activeTo() == null ? null
                    : new PlantDefinitionPeriod(p.definition().activeFrom(), p.definition().activeTo());
        }
    }
}
