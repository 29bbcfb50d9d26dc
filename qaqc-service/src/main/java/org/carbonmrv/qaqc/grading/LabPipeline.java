package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.qaqc.queue.Job;

/** Grades every lab reading of the plant-days an upload touches (whatever upload they came in). */
@ApplicationScoped
public class LabPipeline {

    public long grade(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        Map<PlantDay, List<LabGrader.LabRow>> days = DayRows.read(c, job, "select r.record_id, r.plant, "
                + "r.sample_date, r.unique_id, r.point, r.parameter, r.unit, r.value, r.uncertainty, r.censoring, "
                + "r.detection_limit from ingest.v_lab_reading r where (r.plant, r.sample_date) in (select plant, "
                + "sample_date from ingest.v_lab_reading where upload_id = ?) order by r.plant, r.sample_date, "
                + "r.record_id",
                rs -> new LabGrader.LabRow(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), (Double) rs.getObject(8),
                        (Double) rs.getObject(9), rs.getString(10), (Double) rs.getObject(11)),
                row -> new PlantDay(row.plant(), row.day()));
        PlantRegistry plants = PlantRegistry.load(c, days.keySet().stream().map(PlantDay::plant).distinct().toList());
        return DayRows.grade(c, job, config, days, (day, rows) -> LabGrader.grade(rows, config,
                plants.of(day.plant())), changed);
    }
}
