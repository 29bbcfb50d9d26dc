package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.cache.RevisionMemo;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.removal.query.DayDetail;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.Period;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
import org.carbonmrv.mrv.removal.query.PlantSummary;
import org.carbonmrv.mrv.removal.query.RemovalReadRepository;

/** Reads of the stored figures: pages, one day with its lineage and versions, period totals. */
@ApplicationScoped
public class RemovalQueryService {

    private final RemovalReadRepository reads;
    /** Read by every dashboard view; its aggregate covers every plant's history, so once per data revision. */
    private final RevisionMemo<List<PlantSummary>> plants;

    public RemovalQueryService(RemovalReadRepository reads, Revisions revisions) {
        this.reads = reads;
        this.plants = new RevisionMemo<>(revisions, reads::plants);
    }

    public List<DayRow> days(DayQuery q, int offset, int limit) {
        return reads.days(q, offset, limit);
    }

    /** Every day of the query, in plant and day order. */
    public List<DayRow> days(DayQuery q) {
        return reads.days(q, 0, Integer.MAX_VALUE);
    }

    public long count(DayQuery q) {
        return reads.count(q);
    }

    /** Plants with figures: first and last day, days, VALID days. */
    public List<PlantSummary> plants() {
        return plants.get();
    }

    /** One day: the requested (default current) version with lineage, trigger, methodology; all versions. */
    public Optional<DayDetail> day(String plant, LocalDate day, Integer version) {
        return reads.version(plant, day, version).map(f -> new DayDetail(f, reads.methodology(f.methodologyId())
                .orElse(null), reads.approval(plant, day).orElse(null), reads.decisions(plant, day),
                reads.versions(plant, day)));
    }

    /** Totals per plant and period of days as {@link #days} lists them, with coverage factor {@code k}. */
    public static List<PeriodSummary> totals(List<DayRow> days, Period period, double k) {
        Map<String, PeriodTotals> totals = new LinkedHashMap<>();
        for (DayRow d : days) {
            String p = period.label(d.day());
            totals.computeIfAbsent(d.plant() + "|" + p, x -> new PeriodTotals(d.plant(), p)).add(d);
        }
        return totals.values().stream().map(t -> t.summary(k)).toList();
    }
}
