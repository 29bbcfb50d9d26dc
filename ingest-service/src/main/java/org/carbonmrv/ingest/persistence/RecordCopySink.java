package org.carbonmrv.ingest.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.common.CopyWriter;
import org.carbonmrv.ingest.parse.RecordSink;
import org.carbonmrv.ingest.sensor.SensorDayStats;
import org.carbonmrv.ingest.sensor.SensorDayStatsRepository;

/**
 * Writes one upload's records with COPY on the upload transaction's connection. A file yields one record type, so
 * at most one COPY is open at a time (PostgreSQL allows one per connection).
 */
public final class RecordCopySink implements RecordSink, AutoCloseable {

    /** 2000-01-01T00:00Z, PostgreSQL's epoch, in microseconds since 1970. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final Connection connection;
    private final long uploadId;
    private final String uploadIdText;
    private final JsonColumns json;
    private final SensorSeriesStore series;
    private final SensorPartitions partitions;
    private final SensorDayStatsRepository dayStats;
    private Map<String, java.time.ZoneId> zones;
    /** The UTC month of the last reading written, [start, end) in microseconds since 1970: its partition exists. */
    private long monthStart = Long.MAX_VALUE;
    private long monthEnd = Long.MIN_VALUE;
    private CopyWriter copy;
    private BinaryCopyWriter sensorCopy;
    private String table;
    private final java.util.Set<String> plants = new java.util.TreeSet<>();
    private final java.util.List<Series> seriesSeen = new java.util.ArrayList<>();
    /** Every series of this upload by id, with its span of time (sensor_upload_series). */
    private final Map<Integer, Series> seriesById = new java.util.LinkedHashMap<>();

    public RecordCopySink(Connection connection, long uploadId, JsonColumns json, SensorSeriesStore series,
            SensorPartitions partitions, SensorDayStatsRepository dayStats) {
        this.connection = connection;
        this.dayStats = dayStats;
        this.series = series;
        this.partitions = partitions;
        this.uploadId = uploadId;
        this.uploadIdText = Long.toString(uploadId);
        this.json = json;
    }

    private CopyWriter copy(String table, String columns) {
        if (copy == null) {
            try {
                copy = new CopyWriter(connection, "ingest." + table, columns);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start COPY into " + table, e);
            }
            claim(table);
        } else if (!table.equals(this.table)) {
            throw new IllegalStateException("one upload writes one record type");
        }
        return copy;
    }

    /** PostgreSQL allows one COPY at a time on a connection, and a file yields one record type. */
    private void claim(String table) {
        if (this.table != null && !this.table.equals(table)) {
            throw new IllegalStateException("one upload writes one record type");
        }
        this.table = table;
    }

    @Override
    public void lab(LabRecord r) {
        plants.add(r.plant());
        try {
            copy("lab_reading", "upload_id, row_num, plant, sample_date, unique_id, point, parameter, unit, value, "
                    + "raw_value, uncertainty, replicate, metadata, original_value, original_unit, "
                    + "original_uncertainty, censoring, detection_limit")
                    .raw(uploadIdText).number(r.row()).text(r.plant()).raw(r.sampleDate().toString())
                    .text(r.uniqueId()).text(r.point()).text(r.parameter()).text(r.canonical().unit())
                    .number(r.canonical().value()).text(r.rawValue()).number(r.canonical().uncertainty())
                    .number(r.replicate()).text(json.write(r.metadata())).number(r.original().value())
                    .text(r.original().unit()).number(r.original().uncertainty()).text(r.censoring())
                    .number(r.canonical().detectionLimit()).endRow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sensor files are the large ones: their readings go in binary COPY (see {@link BinaryCopyWriter}). */
    @Override
    public void sensor(SensorRecord r) {
        try {
            Series series = series(r);
            long epochMicros = r.epochMicros();
            if (epochMicros < monthStart || epochMicros >= monthEnd) {
                enterMonth(SensorPartitions.monthOf(epochMicros));
            }
            if (sensorCopy == null) {
                sensorCopy = new BinaryCopyWriter(connection, "ingest.sensor_reading",
                        "plant, upload_id, row_num, series_id, ts, value, raw_value", 7);
                claim("sensor_reading");
            }
            long micros = epochMicros - PG_EPOCH_MICROS;
            series.span(micros);
            series.days.add(epochMicros, r.value());
            sensorCopy.row().text(series.plant).int8(uploadId).int4(Math.toIntExact(r.row())).int4(series.id)
                    .timestampMicros(micros).float8(r.value()).text(r.rawValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start COPY into sensor_reading", e);
        }
    }

    /**
     * A reading of a month without a partition: the COPY so far is ended (its rows stay in the transaction), the
     * partition made on another connection, and the next reading starts a new COPY, which routes to it.
     */
    private void enterMonth(java.time.YearMonth month) throws IOException {
        if (!partitions.exists(month)) {
            if (sensorCopy != null) {
                sensorCopy.close();
                sensorCopy = null;
            }
            partitions.ensure(month);
        }
        monthStart = SensorPartitions.startMicros(month);
        monthEnd = SensorPartitions.startMicros(month.plusMonths(1));
    }

    @Override
    public void ops(OpsRecord r) {
        Map<String, Double> v = r.values();
        plants.add(r.plant());
        try {
            copy("ops_day", "upload_id, sheet, row_num, plant, day, effluent_flow_mgd, effluent_flow_max_mgd, "
                    + "effluent_flow_min_mgd, influent_flow_mgd, bypass_flow_mgd, bypass_hours, source_columns, "
                    + "other_values, original_values")
                    .raw(uploadIdText).text(r.sheet()).number(r.row()).text(r.plant()).raw(r.day().toString())
                    .number(v.get("effluent_flow_mgd")).number(v.get("effluent_flow_max_mgd"))
                    .number(v.get("effluent_flow_min_mgd")).number(v.get("influent_flow_mgd"))
                    .number(v.get("bypass_flow_mgd")).number(v.get("bypass_hours"))
                    .text(json.write(r.sourceColumns())).text(json.write(r.otherValues())).text(json.write(r.originals()))
                    .endRow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file holds few series, often interleaved row by row (two probes logging the same minute): they are looked up
     * in a short list of this upload's series before the shared store, whose key would be hashed on every row.
     */
    private Series series(SensorRecord r) {
        for (int i = 0; i < seriesSeen.size(); i++) {
            Series s = seriesSeen.get(i);
            if (s.matches(r)) {
                return s;
            }
        }
        int id = series.idOf(r.plant(), r.sensorId(), r.point(), r.unit());
        Series s = seriesById.computeIfAbsent(id, k -> new Series(r.plant(), r.sensorId(), r.point(), r.unit(), k,
                new SensorDayStats(zoneOf(r.plant()))));
        if (seriesSeen.size() < 32) { // beyond that, a file with many series pays the store's hashing
            seriesSeen.add(s);
        }
        plants.add(r.plant());
        return s;
    }

    /**
     * The zone a plant's days are counted in, as the registry says at the upload's first reading: read once, before
     * the COPY starts (a connection runs no other statement during a COPY).
     */
    private java.time.ZoneId zoneOf(String plant) {
        if (zones == null) {
            try {
                zones = dayStats.zones(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the plants' time zones", e);
            }
        }
        return zones.getOrDefault(plant, SensorDayStatsRepository.UNREGISTERED);
    }

    /** A series of this upload and the span of its readings' times (microseconds since 2000-01-01). */
    private static final class Series {
        final String plant;
        final String sensorId;
        final String point;
        final String unit;
        final int id;
        /** Its readings per plant-local day, counted as they are copied. */
        final SensorDayStats days;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int readings;

        Series(String plant, String sensorId, String point, String unit, int id, SensorDayStats days) {
            this.days = days;
            this.plant = plant;
            this.sensorId = sensorId;
            this.point = point;
            this.unit = unit;
            this.id = id;
        }

        boolean matches(SensorRecord r) {
            return sensorId.equals(r.sensorId()) && plant.equals(r.plant())
                    && java.util.Objects.equals(point, r.point()) && java.util.Objects.equals(unit, r.unit());
        }

        void span(long micros) {
            first = Math.min(first, micros);
            last = Math.max(last, micros);
            readings++;
        }
    }

    /** The span of each series, in the upload's transaction, once its readings are copied. */
    private void writeSpans() throws SQLException {
        try (java.sql.PreparedStatement ps = connection.prepareStatement("insert into ingest.sensor_upload_series "
                + "(upload_id, series_id, first_ts, last_ts, readings) values (?, ?, ?, ?, ?)")) {
            for (Series s : seriesById.values()) {
                ps.setLong(1, uploadId);
                ps.setInt(2, s.id);
                ps.setObject(3, instant(s.first));
                ps.setObject(4, instant(s.last));
                ps.setInt(5, s.readings);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The series' readings per plant-local day (ingest.sensor_day_stats), as counted while copying; under the plants'
     * locks, a series whose plant's zone changed since is counted again from its copied readings.
     */
    private void writeDayStats() throws SQLException {
        dayStats.lock(connection, seriesById.values().stream().map(s -> s.plant).toList());
        Map<String, java.time.ZoneId> now = dayStats.zones(connection);
        for (Series s : seriesById.values()) {
            if (now.getOrDefault(s.plant, SensorDayStatsRepository.UNREGISTERED).equals(s.days.zone())) {
                dayStats.insert(connection, uploadId, s.plant, s.id, s.days);
            } else {
                dayStats.insertFromReadings(connection, uploadId, s.id);
            }
        }
    }

    private static java.time.OffsetDateTime instant(long pgMicros) {
        long micros = pgMicros + PG_EPOCH_MICROS;
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L)
                * 1_000).atOffset(java.time.ZoneOffset.UTC);
    }

    /** Plants of the records written so far. */
    public java.util.Set<String> plants() {
        return plants;
    }

    public long uploadId() {
        return uploadId;
    }

    @Override
    public void close() throws IOException {
        if (copy != null) {
            copy.close();
        }
        if (sensorCopy != null) {
            sensorCopy.close();
            try {
                writeSpans();
                writeDayStats();
            } catch (SQLException e) {
                throw new IOException("cannot store the series' spans and daily statistics: " + e.getMessage(), e);
            }
        }
    }

    /** Called when parsing failed: ends the COPY without committing it. */
    public void abort() {
        if (copy != null) {
            copy.cancel();
        }
        if (sensorCopy != null) {
            sensorCopy.cancel();
        }
    }
}
