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
