package org.carbonmrv.ingest.records;

import java.time.LocalDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.cache.RevisionedCache;
import org.carbonmrv.common.http.KeptAnswer;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.plant.PlantRevisions;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Pages of sensor readings as answered (their JSON, and its gzip form), kept per plant revision: the same page asked
 * again while nothing of the plant has changed is answered from memory, without reading its thousands of readings
 * again.
 */
@ApplicationScoped
public class ReadingAnswers {

    /** A page as the request names it: local times of the plant (its zone changes only with its revision). */
    public record PageRequest(String plant, String sensor, LocalDateTime from, LocalDateTime to, int page,
            int size) {
    }

    private final PlantRevisions revisions;
    private final RevisionedCache<PageRequest, Long, KeptAnswer> answers;

    public ReadingAnswers(PlantRevisions revisions, IngestConfig config, MeterRegistry registry) {
        this.revisions = revisions;
        this.answers = new RevisionedCache<>("carbonmrv.ingest", "sensor_readings",
                config.readCacheMb() * (1L << 20), KeptAnswer::size, registry);
    }

    /** The page's answer: kept for the plant's current revision, or written by {@code write} now. */
    public KeptAnswer answer(PageRequest request, Supplier<KeptAnswer> write) {
        return answers.get(request, revisions.current(request.plant()), write);
    }
}
