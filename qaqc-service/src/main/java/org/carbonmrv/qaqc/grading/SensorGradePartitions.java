package org.carbonmrv.qaqc.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The monthly partitions of {@code sensor_grade} (by plant-local day, V10): a job makes the months its rows fall in
 * before its COPY opens, each in its own short transaction (a month made for a job that rolls back is simply there
 * ahead of need).
 */
@ApplicationScoped
public class SensorGradePartitions {

    /** Months ahead of the current one made at start-up, so that live jobs rarely make one. */
    static final int MONTHS_AHEAD = 3;

    private final DataSource dataSource;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public SensorGradePartitions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void readyAhead(@Observes StartupEvent start) {
        Set<YearMonth> months = new TreeSet<>();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int i = -1; i <= MONTHS_AHEAD; i++) {
            months.add(now.plusMonths(i));
        }
        ensure(months);
    }

    /** The months of the series' local days, from each one's first reading to its last. */
    static Set<YearMonth> monthsOf(List<SensorSeries> all) {
        Set<YearMonth> months = new TreeSet<>();
        for (SensorSeries s : all) {
            if (s.size == 0) {
                continue;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < s.size; i++) {
                min = Math.min(min, s.epoch[i]);
                max = Math.max(max, s.epoch[i]);
            }
            LocalClock clock = new LocalClock(s.zone);
            YearMonth last = YearMonth.from(LocalDate.ofEpochDay(clock.localDay(max)));
            for (YearMonth m = YearMonth.from(LocalDate.ofEpochDay(clock.localDay(min))); !m.isAfter(last);
                    m = m.plusMonths(1)) {
                months.add(m);
            }
        }
        return months;
    }

    public void ensure(Set<YearMonth> months) {
        for (YearMonth month : months) {
            if (!known.contains(month)) {
                QuarkusTransaction.requiringNew().run(() -> make(month));
                known.add(month);
            }
        }
    }

    private void make(YearMonth month) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select qaqc.ensure_sensor_grade_month(?)")) {
            ps.setObject(1, month.atDay(1));
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the sensor grades' partition of " + month, e);
        }
    }
}
