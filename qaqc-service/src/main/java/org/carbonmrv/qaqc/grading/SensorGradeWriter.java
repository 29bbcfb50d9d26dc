package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.common.vocabulary.QartodFlag;

/**
 * Writes one job's sensor grades in their compact form (migration V7), on the job's connection and transaction:
 * a row per series and local day (split after {@link #MAX_READINGS} readings) holding the readings' ids, instants
 * and outcome numbers and its readings per flag, then the job's distinct outcomes, then the job as the current
 * grading of its upload. Binary COPY.
 */
public final class SensorGradeWriter {

    /** Readings per row at most: a day of a one-second probe (86,400) goes in several rows. */
    static final int MAX_READINGS = 10_000;

    /** GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING: the order of the count columns. */
    private static final QartodFlag[] FLAGS = QartodFlag.values();

    private final Connection connection;
    private final long jobId;
    private final int configVersion;
    private final long uploadId;
    private final SensorOutcomes outcomes = new SensorOutcomes();
    private final BinaryCopyWriter rows;
    private int[] outcome = new int[0];
    private final List<Integer> flagIndexOfOutcome = new ArrayList<>();
    private long readings;

    public SensorGradeWriter(Connection connection, long jobId, int configVersion, long uploadId)
            throws SQLException, IOException {
        this.connection = connection;
        this.jobId = jobId;
        this.configVersion = configVersion;
        this.uploadId = uploadId;
        this.rows = new BinaryCopyWriter(connection, "qaqc.sensor_grade", "job_id, config_version, upload_id, plant, "
                + "sensor_id, day, first_record_id, last_record_id, record_ids, ts, outcomes, time_zone, good_count, "
                + "not_evaluated_count, suspect_count, fail_count, missing_count", 17);
    }

    /** Writes a graded series (sorted by time) as its rows per local day of the plant. */
    public void write(SensorGrader.Result r) throws IOException {
        SensorSeries s = r.series();
        LocalClock clock = new LocalClock(s.zone);
        if (outcome.length < s.size) {
            outcome = new int[s.size];
        }
        for (int i = 0; i < s.size; i++) {
            outcome[i] = outcomes.of(r, i);
        }
        int start = 0;
        while (start < s.size) {
            long day = clock.localDay(s.epoch[start]);
            long first = s.ids[start];
            long last = first;
            int end = start + 1;
            while (end < s.size && end - start < MAX_READINGS && clock.localDay(s.epoch[end]) == day) {
                first = Math.min(first, s.ids[end]);
                last = Math.max(last, s.ids[end]);
                end++;
            }
            int n = end - start;
            int[] count = flagCounts(start, end);
            rows.row().int8(jobId).int4(configVersion).int8(uploadId).text(s.plant).text(s.sensor)
                    .date(LocalDate.ofEpochDay(day)).int8(first).int8(last).int8Array(s.ids, start, n)
                    .timestamptzArray(s.epoch, start, n).int4Array(outcome, start, n).text(s.zone.getId())
                    .int4(count[0]).int4(count[1]).int4(count[2]).int4(count[3]).int4(count[4]);
            start = end;
        }
        readings += s.size;
    }

    /**
     * Readings per flag (GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING) of {@code outcome[start, end)}: a summary
     * reads a row's counts instead of unnesting its readings.
     */
    private int[] flagCounts(int start, int end) {
        int[] count = new int[FLAGS.length];
        for (int i = start; i < end; i++) {
            count[flagIndex(outcome[i])]++;
        }
        return count;
    }

    /** The index in {@link #FLAGS} (the columns' order) of an outcome's flag, remembered per outcome. */
    private int flagIndex(int o) {
        while (flagIndexOfOutcome.size() <= o) {
            flagIndexOfOutcome.add(QartodFlag.of(outcomes.flag(flagIndexOfOutcome.size())).ordinal());
        }
        return flagIndexOfOutcome.get(o);
    }

    /** Ends the rows, writes the outcomes and makes this job its upload's current sensor grading. */
    public void finish() throws SQLException, IOException {
        rows.close();
        if (readings == 0) {
            return;
        }
        BinaryCopyWriter out = new BinaryCopyWriter(connection, "qaqc.sensor_outcome", "job_id, outcome, flag, "
                + "test_names, test_flags, reasons", 6);
        try {
            for (int o = 0; o < outcomes.size(); o++) {
                short[] flags = outcomes.testFlags(o);
                out.row().int8(jobId).int4(o).int2(outcomes.flag(o)).textArray(outcomes.testNames(o))
                        .int2Array(flags, flags.length).textArray(outcomes.reasons(o));
            }
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.close();
        try (PreparedStatement ps = connection.prepareStatement("insert into qaqc.sensor_current_job (upload_id, "
                + "job_id) values (?, ?) on conflict (upload_id) do update "
                + "set job_id = greatest(sensor_current_job.job_id, excluded.job_id)")) {
            ps.setLong(1, uploadId);
            ps.setLong(2, jobId);
            ps.executeUpdate();
        }
    }

    /** Abandons the rows (the transaction is rolled back). */
    public void cancel() {
        rows.cancel();
    }

    /** Distinct outcomes so far. */
    public int outcomes() {
        return outcomes.size();
    }
}
