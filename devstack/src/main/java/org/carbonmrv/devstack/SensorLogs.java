package org.carbonmrv.devstack;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Minute pH logs in the sample corpus' layout, as a logger writes them: in local time or in UTC. */
public final class SensorLogs {

    public static final String HEADER = "Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,"
            + "Process value\n";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SensorLogs() {
    }

    /**
     * The wall-clock times a logger keeping {@code zone}'s local time writes each minute from {@code from} (local)
     * for {@code minutes} minutes of real time: a spring-forward hour never appears, a fall-back hour twice.
     */
    public static List<String> localMinutes(LocalDateTime from, int minutes, ZoneId zone) {
        Instant start = from.atZone(zone).toInstant();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            out.add(LOCAL.format(start.plusSeconds(60L * i).atZone(zone).toLocalDateTime()));
        }
        return out;
    }

    /** A log of one sensor at these times, every reading {@code value}. */
    public static String csv(String plant, String sensor, List<String> timestamps, double value) {
        return csv(plant, sensor, timestamps, i -> value);
    }

    /** A log of one sensor at these times, reading {@code i} of value {@code value.applyAsDouble(i)}. */
    public static String csv(String plant, String sensor, List<String> timestamps,
            java.util.function.IntToDoubleFunction value) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < timestamps.size(); i++) {
            b.append(timestamps.get(i)).append(',').append(value.applyAsDouble(i)).append(",pH,").append(sensor)
                    .append(",secondary_clarifier,").append(plant).append(",pH\n");
        }
        return b.toString();
    }
}
