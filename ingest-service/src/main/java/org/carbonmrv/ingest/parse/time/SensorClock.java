package org.carbonmrv.ingest.parse.time;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.carbonmrv.ingest.parse.Values;

/**
 * How a layout's sensor timestamps become instants: local times of the plant's registered zone ({@code plant}), of a
 * named zone ({@code UTC}, {@code America/Chicago}), or times that carry their own offset ({@code offset}).
 */
public final class SensorClock {

    /** The value of {@link #read} for a text that is not a timestamp of the layout's forms. */
    public static final long UNREADABLE = Long.MIN_VALUE;
    /** The value of {@link #read} for a local time that a spring-forward skips. */
    public static final long NONEXISTENT = Long.MIN_VALUE + 1;

    private final String mode;
    private final ZoneId fixed;
    private final List<String> patterns;

    private SensorClock(String mode, ZoneId fixed, List<String> patterns) {
        this.mode = mode;
        this.fixed = fixed;
        this.patterns = patterns;
    }

    /** @param timestampZone the layout's {@code timestamp_zone} (validated when the layout was stored) */
    public static SensorClock of(String timestampZone, List<String> patterns) {
        String m = timestampZone == null ? "plant" : timestampZone;
        return new SensorClock(m, m.equals("plant") || m.equals("offset") ? null : ZoneId.of(m), patterns);
    }

    /** The zone local times are read in for a plant, or null when timestamps carry their offset. */
    public ZoneId zoneFor(ZoneId plantZone) {
        return mode.equals("offset") ? null : fixed != null ? fixed : plantZone;
    }

    public String describe() {
        return mode.equals("offset") ? "with an offset (e.g. 2024-11-03T01:30:00-05:00)" : "in local time of "
                + (fixed != null ? fixed.getId() : "the plant's zone");
    }

    /**
     * The instant of a timestamp text in microseconds since 1970-01-01T00:00Z, or {@link #UNREADABLE} /
     * {@link #NONEXISTENT}.
     *
     * @param timeline the series' timeline in {@link #zoneFor} (null in offset mode)
     */
    public long read(String text, LocalTimeline timeline) {
        if (timeline == null) {
            OffsetDateTime t = Values.offsetDateTime(text, patterns);
            return t == null ? UNREADABLE : t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        }
        long local = Values.isoLocalSeconds(text);
        int micros = 0;
        if (local == Values.NOT_ISO) {
            LocalDateTime t = Values.dateTime(text, patterns);
            if (t == null) {
                return UNREADABLE;
            }
            local = t.toEpochSecond(ZoneOffset.UTC);
            micros = t.getNano() / 1_000;
        }
        long instant = timeline.instant(local);
        return instant == LocalTimeline.NONEXISTENT ? NONEXISTENT : instant * 1_000_000L + micros;
    }

    /** The local time a text names, for the message about a time that does not exist. */
    public LocalDateTime local(String text) {
        long local = Values.isoLocalSeconds(text);
        return local != Values.NOT_ISO ? LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC)
                : Values.dateTime(text, patterns);
    }
}
