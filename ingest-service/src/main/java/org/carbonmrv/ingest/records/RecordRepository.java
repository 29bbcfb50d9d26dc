package org.carbonmrv.ingest.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.ingest.persistence.Page;

import io.agroal.api.AgroalDataSource;
import io.quarkus.panache.common.Sort;

/** Reads of a plant's normalized records (operations and lab through the published views), by typed query. */
@ApplicationScoped
public class RecordRepository {

    private final AgroalDataSource dataSource;

    public RecordRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Operations days of a plant between two days (inclusive); every version, or the current one of each day. */
    public record OpsQuery(String plant, LocalDate from, LocalDate to, boolean versions, int page, int size) {
    }

    /** Lab readings of a plant between two sample days (inclusive), of one parameter or all. */
    public record LabQuery(String plant, LocalDate from, LocalDate to, String parameter, int page, int size) {
    }

    /** Sensor readings of a plant in [from, to), of one sensor or all. */
    public record SensorQuery(String plant, String sensor, OffsetDateTime from, OffsetDateTime to, int page,
            int size) {
    }

    public Page<OpsDay> operations(OpsQuery q) {
        HqlConditions c = new HqlConditions(q.plant()).range("day", q.from(), q.to());
        if (!q.versions()) {
            c.add("versionRank = 1", null, null);
        }
        return Page.of(OpsDay.find(c.query(), Sort.by("day").and("versionRank"), c.params), q.page(), q.size());
    }

    public Page<LabReading> labReadings(LabQuery q) {
        HqlConditions c = new HqlConditions(q.plant()).range("sampleDate", q.from(), q.to())
                .add("parameter = :parameter", "parameter", q.parameter());
        return Page.of(LabReading.find(c.query(), Sort.by("sampleDate").and("recordId"), c.params), q.page(), q.size());
    }

    /**
     * The page's readings handed to {@code each} in the listing's order (sensor, time, record id) as they are read;
     * returns the total the query matches (counted only when the page alone does not tell it). By JDBC on ingest's
     * own tables, as typed rows: a plant-day is thousands of readings. The time range reaches the months' partitions
     * and the (plant, ts) index; the series' texts are read once, not with each reading, and the readings are sorted
     * by their series' rank in sensor order (an integer), so the sort and the rows sent stay narrow.
     */
    public long sensorReadings(SensorQuery q, Consumer<SensorReading> each) {
        SeriesTexts series = new SeriesTexts(q.plant());
        Conditions ranked = new Conditions().and("plant = ?", q.plant()).and("sensor_id = ?", q.sensor());
        Conditions w = new Conditions().and("r.plant = ?", q.plant()).and("r.ts >= ?", q.from())
                .and("r.ts < ?", q.to());
        String from = " from ingest.sensor_reading r join (select id, dense_rank() over (order by sensor_id) as k "
                + "from ingest.sensor_series" + ranked.sql() + ") s on s.id = r.series_id" + w.sql();
        Object[] params = ranked.params(w.params());
        // planned for its values (not Jdbc.listWithKeptPlan): a generic plan cannot know how much of a month's
        // readings the time range selects, and picks worse scans
        long read = Jdbc.forEach(dataSource, "select r.id, r.upload_id, r.row_num, r.series_id, r.ts, r.value, "
                + "r.raw_value" + from + " order by s.k, r.ts, r.id limit ? offset ?", series::reading,
                each, ranked.params(w.params(q.size(), (long) q.page() * q.size())));
        return Page.total(read, q.page(), q.size(), () -> Jdbc.count(dataSource, "select count(*)" + from, params));
    }

    /** A plant's series by id, read again when a reading names one created since (series are only ever added). */
    private final class SeriesTexts {
        private record Texts(String sensorId, String point, String unit) {
        }

        private final String plant;
        private Map<Integer, Texts> byId;

        SeriesTexts(String plant) {
            this.plant = plant;
            this.byId = read();
        }

        SensorReading reading(ResultSet rs) throws SQLException {
            int seriesId = rs.getInt(4);
            Texts t = byId.get(seriesId);
            if (t == null) {
                byId = read();
                t = byId.get(seriesId);
            }
            return new SensorReading(rs.getLong(1), rs.getLong(2), rs.getInt(3), plant, t.sensorId(), t.point(),
                    Jdbc.instant(rs, 5), Jdbc.number(rs, 6), rs.getString(7), t.unit());
        }

        private Map<Integer, Texts> read() {
            Map<Integer, Texts> out = new HashMap<>();
            Jdbc.forEach(dataSource, "select id, sensor_id, point, unit from ingest.sensor_series where plant = ?",
                    rs -> Map.entry(rs.getInt(1), new Texts(rs.getString(2), rs.getString(3), rs.getString(4))),
                    e -> out.put(e.getKey(), e.getValue()), plant);
            return out;
        }
    }

    /** A conjunction of bound-parameter conditions, starting with the plant; a condition with no value is left out. */
    private static final class HqlConditions {
        final List<String> where = new ArrayList<>();
        final Map<String, Object> params = new HashMap<>();

        HqlConditions(String plant) {
            add("plant = :plant", "plant", plant);
        }

        HqlConditions add(String condition, String name, Object value) {
            if (name == null || value != null) {
                where.add(condition);
                if (name != null) {
                    params.put(name, value);
                }
            }
            return this;
        }

        HqlConditions range(String field, LocalDate from, LocalDate to) {
            return add(field + " >= :from", "from", from).add(field + " <= :to", "to", to);
        }

        String query() {
            return String.join(" and ", where);
        }
    }
}
