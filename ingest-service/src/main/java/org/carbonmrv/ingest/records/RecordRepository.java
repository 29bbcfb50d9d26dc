package org.carbonmrv.ingest.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.ingest.persistence.JsonColumns;
import org.carbonmrv.ingest.persistence.Page;

import com.fasterxml.jackson.core.type.TypeReference;

import io.agroal.api.AgroalDataSource;

/** Reads of a plant's normalized records (operations and lab through the published views), by typed query. */
@ApplicationScoped
public class RecordRepository {

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final JsonColumns json;

    public RecordRepository(AgroalDataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
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
        Conditions w = new Conditions().and("plant = ?", q.plant()).and("day >= ?", q.from()).and("day <= ?", q.to());
        if (!q.versions()) {
            w.and("version_rank = 1");
        }
        return page("select record_id, upload_id, file_name, sheet, row_num, plant, day, generated_at, received_at, "
                + "effluent_flow_mgd, effluent_flow_max_mgd, effluent_flow_min_mgd, influent_flow_mgd, bypass_flow_mgd, "
                + "bypass_hours, source_columns::text, other_values::text, original_values::text, version_rank, "
                + "version_count, revised", "ingest.v_ops_day_version", w, "day, version_rank", this::opsDay, q.page(),
                q.size());
    }

    public Page<LabReading> labReadings(LabQuery q) {
        Conditions w = new Conditions().and("plant = ?", q.plant()).and("sample_date >= ?", q.from())
                .and("sample_date <= ?", q.to()).and("parameter = ?", q.parameter());
        return page("select record_id, upload_id, file_name, row_num, plant, sample_date, unique_id, point, parameter, "
                + "unit, value, raw_value, uncertainty, replicate, original_value, original_unit, original_uncertainty, "
                + "censoring, detection_limit, metadata::text", "ingest.v_lab_reading", w, "sample_date, record_id",
                this::labReading, q.page(), q.size());
    }

    /** One page of a view's rows in an order, with the total of rows matching. */
    private <T> Page<T> page(String select, String view, Conditions w, String order, Jdbc.RowMapper<T> row, int page,
            int size) {
        List<T> items = Jdbc.list(dataSource, select + " from " + view + w.sql() + " order by " + order
                + " limit ? offset ?", row, w.params(size, (long) page * size));
        return Page.of(items, page, size,
                () -> Jdbc.count(dataSource, "select count(*) from " + view + w.sql(), w.params()));
    }

    private OpsDay opsDay(ResultSet rs) throws SQLException {
        return new OpsDay(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), Jdbc.instant(rs, 8), Jdbc.instant(rs, 9),
                Jdbc.number(rs, 10), Jdbc.number(rs, 11), Jdbc.number(rs, 12), Jdbc.number(rs, 13),
                Jdbc.number(rs, 14), Jdbc.number(rs, 15), json.read(rs.getString(16), TEXTS), json.read(rs.getString(17), VALUES),
                json.read(rs.getString(18), VALUES), rs.getLong(19), rs.getLong(20), rs.getBoolean(21));
    }

    private LabReading labReading(ResultSet rs) throws SQLException {
        return new LabReading(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                Jdbc.number(rs, 11), rs.getString(12), Jdbc.number(rs, 13), Jdbc.integer(rs, 14), Jdbc.number(rs, 15),
                rs.getString(16), Jdbc.number(rs, 17), rs.getString(18), Jdbc.number(rs, 19),
                json.read(rs.getString(20), TEXTS));
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
}
