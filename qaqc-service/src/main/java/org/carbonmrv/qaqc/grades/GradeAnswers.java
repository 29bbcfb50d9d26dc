package org.carbonmrv.qaqc.grades;

import java.time.LocalDate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.cache.RevisionedCache;
import org.carbonmrv.common.http.KeptAnswer;
import org.carbonmrv.qaqc.config.QaqcConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Grade summaries and pages of one plant as answered (their JSON, and its gzip form), kept per plant revision: one
 * asked again while none of the plant's grades changed is answered from memory. A read across every plant is read
 * each time.
 */
@ApplicationScoped
public class GradeAnswers {

    /** A summary as the request names it. */
    public record SummaryRequest(String plant, LocalDate from, LocalDate to) {
    }

    /** A page of the listing as the request names it. */
    public record PageRequest(GradeQuery query, int page, int size) {
    }

    private final PlantRevisions revisions;
    private final ObjectMapper json;
    private final RevisionedCache<Record, Long, KeptAnswer> answers;

    public GradeAnswers(PlantRevisions revisions, ObjectMapper json, QaqcConfig config, MeterRegistry registry) {
        this.revisions = revisions;
        this.json = json;
        this.answers = new RevisionedCache<>("carbonmrv.qaqc", "grades", config.readCacheMb() * (1L << 20),
                KeptAnswer::size, registry);
    }

    public KeptAnswer summary(SummaryRequest request, Supplier<Object> read) {
        return answer(request.plant(), request, read);
    }

    public KeptAnswer page(PageRequest request, Supplier<Object> read) {
        return answer(request.query().plant(), request, read);
    }

    private KeptAnswer answer(String plant, Record request, Supplier<Object> read) {
        if (plant == null) {
            return KeptAnswer.json(json, read.get());
        }
        return answers.get(request, revisions.current(plant), () -> KeptAnswer.json(json, read.get()));
    }
}
