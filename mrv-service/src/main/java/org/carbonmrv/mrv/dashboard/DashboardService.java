package org.carbonmrv.mrv.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.cache.RevisionedCache;
import org.carbonmrv.common.http.KeptAnswer;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.removal.PeriodTotals;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
import org.carbonmrv.mrv.removal.query.PlantSummary;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the dashboard shows for one plant and day range: the stored daily figures (the same rows the API lists),
 * plus context read from the upstream views (bypass flow from ingest, pH sensors' daily statistics from ingest and
 * their completeness from qaqc). Everything is read; nothing here computes a removal. A view is kept until one of
 * the three revisions it was read at moves: mrv's (a recompute, a decision), or the plant's in ingest or qaqc (an
 * upload, a grading, an override).
 */
@ApplicationScoped
public class DashboardService {

    /** A count shown on a card: a flag's or approval state's days. */
    public record Count(String name, int days) {

        /** Approved days are locked. */
        public boolean isLocked() {
            return org.carbonmrv.common.vocabulary.ApprovalState.APPROVED.name().equals(name);
        }
    }

    /**
     * What a view shows from mrv's own figures: the days as the API lists them, their totals and the cards'
     * counts, the days' chart series (JSON, safe in a script element) and the days table (HTML).
     */
    public record Figures(List<DayRow> days, PeriodSummary totals, List<Count> flagCounts,
            List<Count> approvalCounts, boolean truncated, String daySeriesJson, String tableHtml) {

        /** About what it holds in memory: the texts as UTF-16, a day's row and its boxed numbers. */
        long bytes() {
            return 2L * (daySeriesJson.length() + tableHtml.length()) + 600L * days.size();
        }
    }

    /**
     * One view: the figures, and the charts' data as JSON with the upstream context. The page's view part rendered
     * from it is kept with it, once for reviewers and once for everyone else.
     */
    public record View(DayQuery query, List<DayRow> days, PeriodSummary totals, List<Count> flagCounts,
            List<Count> approvalCounts, boolean truncated, String chartJson, String tableHtml, long bytes,
            Map<Rendering, KeptAnswer> rendered) {

        static View of(DayQuery query, Figures f, String chartJson) {
            long text = chartJson.length() + f.tableHtml().length();
            // the figures, the chart's text, and two renderings of both texts with their gzip forms (KeptAnswer)
            return new View(query, f.days(), f.totals(), f.flagCounts(), f.approvalCounts(), f.truncated(),
                    chartJson, f.tableHtml(), f.bytes() + 2L * chartJson.length() + 2 * (text + text / 4),
                    new ConcurrentHashMap<>(2));
        }

        /** The part rendered for a reviewer or not, with the filters' query in its links: kept, or rendered now. */
        public KeptAnswer rendered(boolean canReview, String query, Supplier<KeptAnswer> render) {
            return rendered.computeIfAbsent(new Rendering(canReview, query), k -> render.get());
        }
    }

    /** Whom a rendered view part is for, and the filters' query its links carry. */
    private record Rendering(boolean canReview, String query) {
    }

    /** The revisions a view was read at: mrv's own, and the plant's in ingest and qaqc. */
    private record ViewRevision(long mrv, DashboardReadRepository.UpstreamRevision upstream) {
    }

    /** An inclusive day range. */
    public record DayRange(LocalDate from, LocalDate to) {
    }

    private final RemovalQueryService queries;
    private final DashboardReadRepository reads;
    private final ScriptJson scriptJson;
    private final MrvConfig config;
    private final Revisions revisions;
    private final RevisionedCache<DayQuery, ViewRevision, View> views;

    public DashboardService(RemovalQueryService queries, DashboardReadRepository reads, ObjectMapper json,
            MrvConfig config, Revisions revisions, MeterRegistry registry) {
        this.queries = queries;
        this.reads = reads;
        this.scriptJson = new ScriptJson(json);
        this.config = config;
        this.revisions = revisions;
        this.views = new RevisionedCache<>("carbonmrv.mrv", "dashboard", config.dashboard().cacheMb() * (1L << 20),
                View::bytes, registry);
    }

    public List<PlantSummary> plants() {
        return queries.plants();
    }

    /**
     * The default range of a plant: its last {@code mrv.dashboard.default-months} months of figures.
     * @param plants as {@link #plants()} lists them
     */
    public DayRange defaultRange(List<PlantSummary> plants, String plant) {
        int months = config.dashboard().defaultMonths();
        for (PlantSummary p : plants) {
            if (p.plant().equals(plant)) {
                LocalDate from = p.lastDay().minusMonths(months).plusDays(1);
                return new DayRange(from.isBefore(p.firstDay()) ? p.firstDay() : from, p.lastDay());
            }
        }
        LocalDate today = LocalDate.now();
        return new DayRange(today.minusMonths(months).plusDays(1), today);
    }

    /**
     * @param q restricted to one plant and a day range, as the page's filters give it
     * @param table the days table's HTML of the listed days
     */
    public View view(DayQuery q, Function<List<DayRow>, String> table) {
        // the revisions are read before any of the data they name
        ViewRevision revision = new ViewRevision(revisions.current(), reads.upstreamRevision(q.plant()));
        return views.get(q, revision, () -> {
            int max = config.dashboard().maxDays();
            List<DayRow> days = queries.days(q, 0, max + 1);
            boolean truncated = days.size() > max;
            return withContext(q, figures(q, truncated ? days.subList(0, max) : days, truncated, table));
        });
    }

    /** A view of no days (the filters could not be read). */
    public View nothing(DayQuery q, Function<List<DayRow>, String> table) {
        return withContext(q, figures(q, List.of(), false, table));
    }

    private Figures figures(DayQuery q, List<DayRow> days, boolean truncated, Function<List<DayRow>, String> table) {
        double k = config.uncertainty().coverageFactor();
        PeriodTotals running = new PeriodTotals(q.plant(), "all");
        ChartData.DaySeries series = ChartData.DaySeries.empty();
        for (DayRow d : days) {
            running.add(d);
            add(series, d, running.validCo2(), running.validCo2() - k * running.uValidCo2());
        }
        PeriodSummary totals = running.summary(k);
        return new Figures(days, totals, counts(totals.daysByFlag()), counts(totals.daysByApprovalState()),
                truncated, scriptJson.write(series), table.apply(days));
    }

    /** The upstream context: bypass flow, pH. */
    private View withContext(DayQuery q, Figures f) {
        Map<LocalDate, Double> bypass = reads.bypassFlowMgd(q.plant(), q.from(), q.to());
        List<Double> bypassByDay = new ArrayList<>(f.days().size());
        for (DayRow d : f.days()) {
            bypassByDay.add(bypass.get(d.day()));
        }
        ChartData chart = new ChartData(q.plant(), q.from().toString(), q.to().toString(),
                config.uncertainty().coverageFactor(), f.daySeriesJson(), bypassByDay, f.totals().daysByFlag(),
                ph(q.plant(), q.from(), q.to()));
        return View.of(q, f, scriptJson.write(chart));
    }

    private static void add(ChartData.DaySeries s, DayRow d, double cumulative, double cumulativeConservative) {
        s.day().add(d.day().toString());
        s.flag().add(d.flag());
        s.approvalState().add(d.approvalState());
        s.needsReview().add(d.needsReview());
        s.co2T().add(d.co2T());
        s.conservativeCo2T().add(d.conservativeCo2T());
        s.uCo2T().add(d.uCo2T());
        s.caUpstreamMgPerL().add(d.caUpstreamMgPerL());
        s.caDownstreamMgPerL().add(d.caDownstreamMgPerL());
        s.flowMgd().add(d.flowMgd());
        s.cumulativeValidCo2T().add(cumulative);
        s.cumulativeConservativeValidCo2T().add(cumulativeConservative);
    }

    private static <E extends Enum<E>> List<Count> counts(Map<E, Integer> byName) {
        return byName.entrySet().stream().map(e -> new Count(e.getKey().name(), e.getValue())).toList();
    }

    /** pH sensors of the plant: daily mean, min and max of the numeric readings, and qaqc's completeness. */
    private List<ChartData.PhSeries> ph(String plant, LocalDate from, LocalDate to) {
        Map<String, ChartData.PhSeries> sensors = new LinkedHashMap<>();
        for (DashboardReadRepository.PhSensor s : reads.phSensors(plant)) {
            sensors.put(s.sensorId(), ChartData.PhSeries.of(s.sensorId(), s.point()));
        }
        if (sensors.isEmpty()) {
            return List.of();
        }
        Map<String, Double> completeness = reads.completenessPct(plant, from, to);
        for (DashboardReadRepository.PhDay d : reads.phDays(plant, from, to)) {
            ChartData.PhSeries s = sensors.get(d.sensorId());
            if (s == null) {
                continue; // a reading's series is listed with it; a day of one appearing meanwhile waits a view
            }
            s.day().add(d.day().toString());
            s.mean().add(d.mean());
            s.min().add(d.min());
            s.max().add(d.max());
            s.readings().add(d.readings());
            s.completenessPct().add(completeness.get(DashboardReadRepository.key(d.sensorId(), d.day())));
        }
        return new ArrayList<>(sensors.values());
    }
}
