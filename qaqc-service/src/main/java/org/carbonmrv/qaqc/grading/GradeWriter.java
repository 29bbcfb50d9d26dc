package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.carbonmrv.common.CopyWriter;

/** Appends grades with COPY; the rows join the grading transaction. */
public final class GradeWriter implements AutoCloseable {

    private final CopyWriter copy;
    private final String jobId;
    private final String configVersion;
    private long written;

    public GradeWriter(Connection conn, long jobId, int configVersion) throws SQLException {
        this.copy = new CopyWriter(conn, "qaqc.grade", "record_type, record_id, job_id, config_version, flag, "
                + "test_names, test_flags, reasons, plant, parameter, ts");
        this.jobId = Long.toString(jobId);
        this.configVersion = Integer.toString(configVersion);
    }

    public void write(RecordGrade g) throws IOException {
        StringBuilder flags = new StringBuilder("{");
        for (int i = 0; i < g.flags.size(); i++) {
            flags.append(i == 0 ? "" : ",").append(g.flags.get(i).code);
        }
        copy.raw(g.recordType).number(g.recordId).raw(jobId).raw(configVersion).number(g.flag().code)
                .text(array(g.tests)).raw(flags.append('}').toString()).text(array(g.reasons)).text(g.plant)
                .text(g.parameter).raw(g.ts.toLocalDate() + " " + g.ts.toLocalTime()).endRow();
        written++;
    }

    /** Test-name array literals by bitmask of the sensor tests that ran. */
    private static final String[] SENSOR_NAMES = new String[1 << 6];
    static {
        for (int mask = 0; mask < SENSOR_NAMES.length; mask++) {
            List<String> names = new java.util.ArrayList<>();
            for (int t = 0; t < SensorGrader.TESTS.size(); t++) {
                if ((mask & 1 << t) != 0) {
                    names.add(SensorGrader.TESTS.get(t));
                }
            }
            SENSOR_NAMES[mask] = array(names);
        }
    }

    /** Writes a graded sensor series straight from its primitive columns (the hot path of large uploads). */
    public void writeSensor(SensorGrader.Result r) throws IOException {
        SensorSeries s = r.series();
        byte[][] f = r.flags();
        StringBuilder flags = new StringBuilder(24);
        List<String> reasons = new java.util.ArrayList<>(2);
        TimestampText ts = new TimestampText();
        for (int i = 0; i < s.size; i++) {
            int mask = 0;
            flags.setLength(0);
            flags.append('{');
            reasons.clear();
            for (int t = 0; t < f.length; t++) {
                if (f[t][i] != 0) {
                    mask |= 1 << t;
                    flags.append(flags.length() == 1 ? "" : ",").append(f[t][i]);
                    String[] why = r.reasons()[t];
                    if (why != null && why[i] != null) {
                        reasons.add(SensorGrader.TESTS.get(t) + ": " + why[i]);
                    }
                }
            }
            copy.raw("sensor").number(s.ids[i]).raw(jobId).raw(configVersion).number(r.worst()[i])
                    .raw(SENSOR_NAMES[mask]).raw(flags.append('}').toString()); // no character to escape
            if (reasons.isEmpty()) {
                copy.raw("{}");
            } else {
                copy.text(array(reasons));
            }
            copy.text(s.plant).text(s.sensor).raw(ts.of(s.epoch[i])).endRow();
            written++;
        }
    }

    /** yyyy-MM-dd HH:mm:ss from epoch seconds, the date part formatted once a day. */
    private static final class TimestampText {
        private long day = Long.MIN_VALUE;
        private String date;
        private final char[] buf = new char[19];

        String of(long epochSecond) {
            long d = Math.floorDiv(epochSecond, 86400);
            if (d != day) {
                day = d;
                date = java.time.LocalDate.ofEpochDay(d).toString();
                date.getChars(0, 10, buf, 0);
                buf[10] = ' ';
                buf[13] = ':';
                buf[16] = ':';
            }
            int sec = (int) (epochSecond - d * 86400);
            two(sec / 3600, 11);
            two(sec / 60 % 60, 14);
            two(sec % 60, 17);
            return new String(buf);
        }

        private void two(int v, int at) {
            buf[at] = (char) ('0' + v / 10);
            buf[at + 1] = (char) ('0' + v % 10);
        }
    }

    public void writeAll(List<RecordGrade> grades) throws IOException {
        for (RecordGrade g : grades) {
            write(g);
        }
    }

    public long written() {
        return written;
    }

    /** A PostgreSQL array literal of quoted texts (the COPY layer then escapes its backslashes). */
    static String array(List<String> items) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"").append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }

    @Override
    public void close() throws IOException {
        copy.close();
    }

    public void cancel() {
        copy.cancel();
    }
}
