package org.carbonmrv.qaqc.grading;

import java.util.Arrays;

/** One sensor's readings sorted by time, as primitive columns: a million readings fit in tens of megabytes. */
public final class SensorSeries {

    public final String plant;
    public final String sensor;
    public final String unit;
    long[] ids = new long[1024];
    long[] epoch = new long[1024];
    double[] values = new double[1024];
    /** The logged text of non-numeric readings (null elsewhere). */
    String[] raw = new String[1024];
    int size;

    public SensorSeries(String plant, String sensor, String unit) {
        this.plant = plant;
        this.sensor = sensor;
        this.unit = unit;
    }

    /** @param value NaN when the logged text was not a number */
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
