package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.carbonmrv.qaqc.queue.Job;

/** Lab and operations grading: the rows of the plant-days an upload touches, graded per day, written with one COPY. */
final class DayRows {

    /** A row of a query as a record. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** One plant-day's rows graded. */
    interface DayGrader<T> {
        List<RecordGrade> grade(PlantDay day, List<T> rows) throws SQLException;
    }

    private DayRows() {
    }

    /** The rows of the plant-days an upload touches (the query takes the upload id), grouped by plant-day. */
    static <T> Map<PlantDay, List<T>> read(Connection c, Job job, String sql, RowMapper<T> mapper,
            Function<T, PlantDay> dayOf) throws SQLException {
        Map<PlantDay, List<T>> days = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, job.uploadId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T row = mapper.map(rs);
                    days.computeIfAbsent(dayOf.apply(row), d -> new ArrayList<>()).add(row);
                }
            }
        }
        return days;
    }

    /** Grades each plant-day's rows and writes all the grades with one COPY (cancelled on failure). */
    static <T> long grade(Connection c, Job job, GradingConfig config, Map<PlantDay, List<T>> days,
            DayGrader<T> grader, Set<PlantDay> changed) throws SQLException, IOException {
        List<RecordGrade> grades = new ArrayList<>();
        for (Map.Entry<PlantDay, List<T>> d : days.entrySet()) {
            grades.addAll(grader.grade(d.getKey(), d.getValue()));
            changed.add(d.getKey());
        }
        GradeWriter out = new GradeWriter(c, job.id(), config.version);
        try {
            out.writeAll(grades);
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.close();
        return grades.size();
    }
}
