package org.carbonmrv.qaqc.grading;

import java.time.ZoneId;
import java.util.Arrays;

/** One sensor's readings sorted by time, as primitive columns: a million readings fit in tens of megabytes. */
public final class SensorSeries {

    /** ingest's series id; plant, sensor and unit are set once the series is described. */
    public final int seriesId;
    String plant;
    String sensor;
    String unit;
    /** The plant's zone: its local days group the readings. */
    ZoneId zone = ZoneId.of("UTC");
    long[] ids = new long[1024];
    long[] epoch = new long[1024];
    double[] values = new double[1024];
    /** The logged text of non-numeric readings (null elsewhere). */
    String[] raw = new String[1024];
    int size;

    public SensorSeries(int seriesId) {
        this.seriesId = seriesId;
    }

    void describe(String plant, String sensor, String unit, ZoneId zone) {
        this.plant = plant;
        this.sensor = sensor;
        this.unit = unit;
        this.zone = zone;
    }

    /** @param epochSecond the reading's instant; @param value NaN when the logged text was not a number */
    public void add(long id, long epochSecond, double value, String rawText) {
        if (size == ids.length) {
            int n = size * 2;
            ids = Arrays.copyOf(ids, n);
            epoch = Arrays.copyOf(epoch, n);
            values = Arrays.copyOf(values, n);
            raw = Arrays.copyOf(raw, n);
        }
        ids[size] = id;
        epoch[size] = epochSecond;
        values[size] = value;
        raw[size] = Double.isNaN(value) ? rawText : null;
        size++;
    }

    /** Sorts by (time, record id) unless already in that order, which a logger's file usually is. */
    public void sortByTime() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = epoch[i - 1] < epoch[i] || epoch[i - 1] == epoch[i] && ids[i - 1] < ids[i];
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> epoch[a] != epoch[b] ? Long.compare(epoch[a], epoch[b]) : Long.compare(ids[a], ids[b]));
        long[] i2 = new long[size];
        long[] e2 = new long[size];
        double[] v2 = new double[size];
        String[] r2 = new String[size];
        for (int k = 0; k < size; k++) {
            i2[k] = ids[order[k]];
            e2[k] = epoch[order[k]];
            v2[k] = values[order[k]];
            r2[k] = raw[order[k]];
        }
        ids = i2;
        epoch = e2;
        values = v2;
        raw = r2;
    }

    public int size() {
        return size;
    }

    public long firstEpoch() {
        return epoch[0];
    }

    public long lastEpoch() {
        return epoch[size - 1];
    }

    boolean missing(int i) {
        return Double.isNaN(values[i]);
    }
}
