package org.carbonmrv.ingest.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * By JDBC on ingest's own tables, as typed rows: a plant-day is thousands of readings, which as entities cost
     * more than the rest of the request. The time range reaches the months' partitions and the (plant, ts) index.
     */
    public Page<SensorReading> sensorReadings(SensorQuery q) {
        Conditions w = new Conditions().and("r.plant = ?", q.plant())
                .and("s.sensor_id = ?", q.sensor()).and("r.ts >= ?", q.from()).and("r.ts < ?", q.to());
        String from = " from ingest.sensor_reading r join ingest.sensor_series s on s.id = r.series_id" + w.sql();
        // planned for its values (not Jdbc.listWithKeptPlan): a generic plan cannot know how much of a month's
        // readings the time range selects, and picks worse scans
        List<SensorReading> items = Jdbc.list(dataSource, "select r.id, r.upload_id, r.row_num, "
                + "r.plant, s.sensor_id, s.point, r.ts, r.value, r.raw_value, s.unit" + from
                + " order by s.sensor_id, r.ts, r.id limit ? offset ?", RecordRepository::sensorReading,
                w.params(q.size(), (long) q.page() * q.size()));
        return Page.of(items, q.page(), q.size(), () -> Jdbc.count(dataSource, "select count(*)" + from, w.params()));
    }

    private static SensorReading sensorReading(ResultSet rs) throws SQLException {
        return new SensorReading(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Jdbc.instant(rs, 7), Jdbc.number(rs, 8), rs.getString(9), rs.getString(10));
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
