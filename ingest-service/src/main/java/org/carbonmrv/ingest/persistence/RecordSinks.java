package org.carbonmrv.ingest.persistence;

import java.sql.Connection;
import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.carbonmrv.ingest.sensor.SensorDayStatsRepository;

import io.quarkus.runtime.StartupEvent;

/** Makes the COPY sink of one upload, with what every sink shares: series ids, partitions, daily statistics, JSON. */
@ApplicationScoped
public class RecordSinks {

    private final JsonColumns json;
    private final SensorSeriesStore series;
    private final SensorPartitions partitions;
    private final SensorDayStatsRepository dayStats;

    public RecordSinks(JsonColumns json, SensorSeriesStore series, SensorPartitions partitions,
            SensorDayStatsRepository dayStats) {
        this.json = json;
        this.series = series;
        this.partitions = partitions;
        this.dayStats = dayStats;
    }

    void readyAhead(@Observes StartupEvent start) {
        partitions.ensureAhead(YearMonth.now(ZoneOffset.UTC));
    }

    /** A sink writing on the upload transaction's connection; the coming months' partitions are made first. */
    public RecordCopySink open(Connection connection, long uploadId) {
        partitions.ensureAhead(YearMonth.now(ZoneOffset.UTC));
        return new RecordCopySink(connection, uploadId, json, series, partitions, dayStats);
    }
}
