package org.carbonmrv.mrv.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.removal.PeriodTotals;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
import org.carbonmrv.mrv.removal.query.PlantSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the dashboard shows for one plant and day range: the stored daily figures (the same rows the API lists),
 * plus context read from the upstream views (bypass flow from ingest, pH sensors' daily statistics from ingest and
 * their completeness from qaqc). Everything is read; nothing here computes a removal.
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

    /** One view: the days as the API lists them, their totals, the cards' counts and the charts' data as JSON. */
    public record View(DayQuery query, List<DayRow> days, PeriodSummary totals, List<Count> flagCounts,
            List<Count> approvalCounts, boolean truncated, String chartJson) {
    }

    /** An inclusive day range. */
    public record DayRange(LocalDate from, LocalDate to) {
    }

    private final RemovalQueryService queries;
    private final DashboardReadRepository reads;
    private final ObjectMapper json;
    private final MrvConfig config;

    public DashboardService(RemovalQueryService queries, DashboardReadRepository reads, ObjectMapper json,
            MrvConfig config) {
        this.queries = queries;
        this.reads = reads;
        this.json = json;
        this.config = config;
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

    /** @param q restricted to one plant and a day range, as the page's filters give it */
    public View view(DayQuery q) {
        int max = config.dashboard().maxDays();
        List<DayRow> days = queries.days(q, 0, max + 1);
        boolean truncated = days.size() > max;
        return render(q, truncated ? days.subList(0, max) : days, truncated);
    }

    /** A view of no days (the filters could not be read). */
    public View nothing(DayQuery q) {
        return render(q, List.of(), false);
    }

    private View render(DayQuery q, List<DayRow> days, boolean truncated) {
        double k = config.uncertainty().coverageFactor();
        PeriodTotals running = new PeriodTotals(q.plant(), "all");
        Map<LocalDate, Double> bypass = reads.bypassFlowMgd(q.plant(), q.from(), q.to());
        ChartData.DaySeries series = ChartData.DaySeries.empty();
        for (DayRow d : days) {
            running.add(d);
            add(series, d, bypass.get(d.day()), running.validCo2(), running.validCo2() - k * running.uValidCo2());
        }
        PeriodSummary totals = running.summary(k);
        ChartData chart = new ChartData(q.plant(), q.from().toString(), q.to().toString(), k, series,
                totals.daysByFlag(), ph(q.plant(), q.from(), q.to()));
        return new View(q, days, totals, counts(totals.daysByFlag()), counts(totals.daysByApprovalState()),
                truncated, toScriptJson(chart));
    }

    private static void add(ChartData.DaySeries s, DayRow d, Double bypassFlowMgd, double cumulative,
            double cumulativeConservative) {
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
        s.bypassFlowMgd().add(bypassFlowMgd);
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

    /** JSON safe inside a script element: no "<" can close it (JSON has "<" only inside strings). */
    String toScriptJson(Object value) {
        try {
            return json.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
