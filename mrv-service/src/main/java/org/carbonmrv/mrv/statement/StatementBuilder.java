package org.carbonmrv.mrv.statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.approval.Approval;
import org.carbonmrv.mrv.approval.ApprovalRepository;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.plant.PlantSettingsReader;
import org.carbonmrv.mrv.removal.Methodology;
import org.carbonmrv.mrv.removal.PeriodTotals;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.StoredInput;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.FigureVersion;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
import org.carbonmrv.mrv.removal.query.RemovalReadRepository;

/**
 * The statement of a period from the figures served: totals, days, the methodologies, qaqc configurations, uploads
 * and approvals they name, the Monte Carlo and sensitivity analyses, and the changes since the previous version.
 */
@ApplicationScoped
public class StatementBuilder {

    private final RemovalReadRepository figures;
    private final StatementRepository statements;
    private final ApprovalRepository approvals;
    private final PlantSettingsReader plants;
    private final MrvConfig config;

    public StatementBuilder(RemovalReadRepository figures, StatementRepository statements,
            ApprovalRepository approvals, PlantSettingsReader plants, MrvConfig config) {
        this.figures = figures;
        this.statements = statements;
        this.approvals = approvals;
        this.plants = plants;
        this.config = config;
    }

    /**
     * @param days    the period's days as served (every one approved)
     * @param served  their current figure versions with lineage, in day order
     * @param latest  the period's latest statement, if any, and its days
     */
    public StatementDocument build(Connection c, String plant, LocalDate from, LocalDate to, String comment,
            String by, OffsetDateTime at, List<DayRow> days, List<FigureVersion> served, Optional<Statement> latest,
            List<StatementRepository.StoredDay> before) throws SQLException {
        StatementDocument.Totals totals = totals(days);
        PeriodTotals byFlag = new PeriodTotals(plant, "all");
        days.forEach(byFlag::add);
        Map<LocalDate, Long> approvalOf = new LinkedHashMap<>();
        days.forEach(d -> approvalOf.put(d.day(), d.approvalId()));
        List<StatementDocument.Day> dayEntries = served.stream().map(f -> day(f, approvalOf.get(f.day()))).toList();
        var s = config.statement();
        List<DayRow> valid = days.stream().filter(d -> d.flag() == RemovalFlag.VALID && d.co2T() != null).toList();
        MonteCarlo.Result mc = MonteCarlo.run(valid.stream().map(d -> new MonteCarlo.Day(d.co2T(), d.uCo2CaT(),
                d.uCo2FlowT())).toList(), s.monteCarloDraws(), s.monteCarloSeed(), s.creditedPercentile());
        Sensitivity.Result sensitivity = Sensitivity.run(valid.stream().map(d -> new Sensitivity.Day(d.day(),
                d.flowMgd(), d.caUpstreamMgPerL(), d.caDownstreamMgPerL())).toList(), s.sensitivityVariation(),
                s.sensitivityThreshold(), Methodology::co2Tonnes);
        int version = latest.map(l -> l.version() + 1).orElse(1);
        return new StatementDocument(StatementDocument.FORMAT, plant, plants.displayNames().get(plant), from, to,
                version, latest.map(Statement::id).orElse(null), comment, by, at, totals,
                new EnumMap<>(byFlag.summary(totals.coverageFactor()).daysByFlag()), dayEntries,
                methodologies(served), qaqcConfigVersions(served), statements.uploads(c, uploadIds(served)),
                approvals(days), mc, sensitivity, latest.map(l -> changes(l, before, served, totals)).orElse(null));
    }

    private StatementDocument.Totals totals(List<DayRow> days) {
        PeriodTotals t = new PeriodTotals(days.isEmpty() ? null : days.get(0).plant(), "all");
        days.forEach(t::add);
        PeriodSummary p = t.summary(config.uncertainty().coverageFactor());
        return new StatementDocument.Totals(p.days(), p.daysByFlag().get(RemovalFlag.VALID), p.validCo2T(),
                p.uValidCo2T(), p.conservativeValidCo2T(), p.coverageFactor());
    }

    private static StatementDocument.Day day(FigureVersion f, Long approvalId) {
        return new StatementDocument.Day(f.day(), f.version(), f.flag(), f.flowMgd(), f.caUpstreamMgPerL(),
                f.caDownstreamMgPerL(), f.deltaCaMgPerL(), f.co2T(), f.uCo2T(), f.uCo2CaT(), f.uCo2FlowT(),
                f.conservativeCo2T(), f.needsReview(), f.methodologyId(), f.fingerprint(), approvalId);
    }

    private List<StatementDocument.MethodologyUsed> methodologies(List<FigureVersion> served) {
        List<StatementDocument.MethodologyUsed> out = new ArrayList<>();
        for (int id : new TreeSet<>(served.stream().map(FigureVersion::methodologyId).toList())) {
            figures.methodology(id).ifPresent(m -> out.add(new StatementDocument.MethodologyUsed(m.id(), m.version(),
                    m.definition())));
        }
        return out;
    }

    private static List<Integer> qaqcConfigVersions(List<FigureVersion> served) {
        TreeSet<Integer> v = new TreeSet<>();
        served.forEach(f -> v.addAll(f.qaqcConfigVersions()));
        return new ArrayList<>(v);
    }

    /** Every upload an input of the period's figures came from (used or excluded: both are evidence). */
    private static List<Long> uploadIds(List<FigureVersion> served) {
        TreeSet<Long> ids = new TreeSet<>();
        served.forEach(f -> f.inputs().stream().map(StoredInput::uploadId).forEach(ids::add));
        return new ArrayList<>(ids);
    }

    /** The decisions that are the latest covering a day of the period, each with how many of its days. */
    private List<StatementDocument.ApprovalUsed> approvals(List<DayRow> days) {
        Map<Long, Integer> count = new java.util.TreeMap<>();
        days.stream().filter(d -> d.approvalId() != null).forEach(d -> count.merge(d.approvalId(), 1, Integer::sum));
        List<StatementDocument.ApprovalUsed> out = new ArrayList<>();
        count.forEach((id, n) -> {
            Approval a = approvals.byId(id).orElseThrow();
            out.add(new StatementDocument.ApprovalUsed(a.id(), a.decision(), a.decidedBy(), a.decidedAt(),
                    a.comment(), a.fromDay(), a.toDay(), n));
        });
        return out;
    }

    /** Two stored statements' differences: days whose figure version differs (or is in one only), and totals. */
    static StatementDocument.Changes compare(Statement a, List<StatementRepository.StoredDay> before, Statement b,
            List<StatementRepository.StoredDay> after) {
        Map<LocalDate, StatementRepository.StoredDay> old = new java.util.TreeMap<>();
        before.forEach(d -> old.put(d.day(), d));
        Map<LocalDate, StatementRepository.StoredDay> now = new java.util.TreeMap<>();
        after.forEach(d -> now.put(d.day(), d));
        java.util.TreeSet<LocalDate> all = new java.util.TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        List<StatementDocument.DayChange> changed = new ArrayList<>();
        for (LocalDate day : all) {
            StatementRepository.StoredDay x = old.get(day);
            StatementRepository.StoredDay y = now.get(day);
            if (x == null || y == null || x.figureVersion() != y.figureVersion()
                    || !x.fingerprint().equals(y.fingerprint())) {
                changed.add(new StatementDocument.DayChange(day, x == null ? null : x.figureVersion(),
                        x == null ? null : x.flag(), x == null ? null : x.co2T(), y == null ? 0 : y.figureVersion(),
                        y == null ? null : y.flag(), y == null ? null : y.co2T()));
            }
        }
        return new StatementDocument.Changes(a.id(), a.version(), totalsOf(a), totalsOf(b), changed);
    }

    private static StatementDocument.Totals totalsOf(Statement s) {
        return new StatementDocument.Totals(s.days(), s.validDays(), s.validCo2T(), s.uValidCo2T(),
                s.conservativeCo2T(), s.coverageFactor());
    }

    /** Days whose figure differs from the previous version's, and the totals before and after. */
    static StatementDocument.Changes changes(Statement previous, List<StatementRepository.StoredDay> before,
            List<FigureVersion> served, StatementDocument.Totals after) {
        Map<LocalDate, StatementRepository.StoredDay> old = new LinkedHashMap<>();
        before.forEach(d -> old.put(d.day(), d));
        List<StatementDocument.DayChange> changed = new ArrayList<>();
        for (FigureVersion f : served) {
            StatementRepository.StoredDay b = old.get(f.day());
            if (b == null || b.figureVersion() != f.version() || !b.fingerprint().equals(f.fingerprint())) {
                changed.add(new StatementDocument.DayChange(f.day(), b == null ? null : b.figureVersion(),
                        b == null ? null : b.flag(), b == null ? null : b.co2T(), f.version(), f.flag(), f.co2T()));
            }
        }
        return new StatementDocument.Changes(previous.id(), previous.version(), totalsOf(previous), after, changed);
    }
}
