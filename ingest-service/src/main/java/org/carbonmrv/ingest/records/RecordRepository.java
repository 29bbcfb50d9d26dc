package org.carbonmrv.ingest.records;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.ingest.persistence.Page;
import io.quarkus.panache.common.Sort;

/** Reads of a plant's normalized records through the published views, by typed query. */
@ApplicationScoped
public class RecordRepository {

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
        Conditions c = new Conditions(q.plant()).range("day", q.from(), q.to());
        if (!q.versions()) {
            c.add("versionRank = 1", null, null);
        }
        return Page.of(OpsDay.find(c.query(), Sort.by("day").and("versionRank"), c.params), q.page(), q.size());
    }

    public Page<LabReading> labReadings(LabQuery q) {
        Conditions c = new Conditions(q.plant()).range("sampleDate", q.from(), q.to())
                .add("parameter = :parameter", "parameter", q.parameter());
        return Page.of(LabReading.find(c.query(), Sort.by("sampleDate").and("recordId"), c.params), q.page(), q.size());
    }

    public Page<SensorReading> sensorReadings(SensorQuery q) {
        Conditions c = new Conditions(q.plant()).add("sensorId = :sensor", "sensor", q.sensor())
                .add("ts >= :from", "from", q.from()).add("ts < :to", "to", q.to());
        return Page.of(SensorReading.find(c.query(), Sort.by("sensorId").and("ts").and("recordId"), c.params),
                q.page(), q.size());
    }

    /** A conjunction of bound-parameter conditions, starting with the plant; a condition with no value is left out. */
    private static final class Conditions {
        final List<String> where = new ArrayList<>();
        final Map<String, Object> params = new HashMap<>();

        Conditions(String plant) {
            add("plant = :plant", "plant", plant);
        }

        Conditions add(String condition, String name, Object value) {
            if (name == null || value != null) {
                where.add(condition);
                if (name != null) {
                    params.put(name, value);
                }
            }
            return this;
        }

        Conditions range(String field, LocalDate from, LocalDate to) {
            return add(field + " >= :from", "from", from).add(field + " <= :to", "to", to);
        }

        String query() {
            return String.join(" and ", where);
        }
    }
}
