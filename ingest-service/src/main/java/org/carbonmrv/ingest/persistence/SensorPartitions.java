package org.carbonmrv.ingest.persistence;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The monthly partitions of {@code sensor_reading} (UTC months, V8): which exist, and making a missing one. A
 * partition is made in its own short transaction on another connection (the upload's connection is busy with a
 * COPY); one made for an upload that is later rejected is harmless, it is simply there ahead of need.
 */
@ApplicationScoped
public class SensorPartitions {

    /** Months ahead of the current one kept ready, so that live uploads never wait for a partition. */
    static final int MONTHS_AHEAD = 3;

    private final AgroalDataSource dataSource;
    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    public SensorPartitions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The month of an instant given in microseconds since 1970 (UTC). */
    public static YearMonth monthOf(long epochMicros) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(Math.floorDiv(epochMicros, 1_000_000L), 86_400L));
        return YearMonth.from(day);
    }

    /** Microseconds since 1970 at the start of a UTC month. */
    public static long startMicros(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    public boolean exists(YearMonth month) {
        return known.contains(month);
    }

    /** Makes the month's partition if missing; returns once it exists (made by this replica or another). */
    public void ensure(YearMonth month) {
        if (!known.contains(month)) {
            QuarkusTransaction.requiringNew().run(() -> Jdbc.list(dataSource,
                    "select ingest.ensure_sensor_month(?)", rs -> 1, month.atDay(1)));
            known.add(month);
        }
    }

    /** The current month and the next {@link #MONTHS_AHEAD}. */
    public void ensureAhead(YearMonth now) {
        for (int i = 0; i <= MONTHS_AHEAD; i++) {
            ensure(now.plusMonths(i));
        }
    }
}
