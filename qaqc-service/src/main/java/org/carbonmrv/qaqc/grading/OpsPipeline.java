package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.qaqc.queue.Job;

/** Grades every version of the plant-days an upload's operations export touches. */
@ApplicationScoped
public class OpsPipeline {

    public long grade(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        Map<PlantDay, List<OpsGrader.OpsRow>> days = DayRows.read(c, job, "select v.record_id, v.upload_id, "
                + "v.file_name, v.plant, v.day, v.generated_at, v.effluent_flow_mgd, v.effluent_flow_max_mgd, "
                + "v.effluent_flow_min_mgd, v.bypass_flow_mgd, v.bypass_hours, v.version_rank, "
                + "v.day = (select max(x.day) from ingest.v_ops_day_version x where x.upload_id = v.upload_id), "
                + "(select count(*) from ingest.v_ops_day_version x where x.upload_id = v.upload_id and x.day = v.day) "
                + "from ingest.v_ops_day_version v where (v.plant, v.day) in "
                + "(select plant, day from ingest.v_ops_day_version where upload_id = ?) "
                + "order by v.plant, v.day, v.version_rank",
                rs -> new OpsGrader.OpsRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class),
                        (Double) rs.getObject(7), (Double) rs.getObject(8), (Double) rs.getObject(9),
                        (Double) rs.getObject(10), (Double) rs.getObject(11), rs.getLong(12), rs.getBoolean(13),
                        rs.getInt(14)),
                row -> new PlantDay(row.plant(), row.day()));
        return DayRows.grade(c, job, config, days, (day, rows) -> OpsGrader.grade(rows, config), changed);
    }
}
