package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.qaqc.queue.Job;

/**
 * Grades what one job names with the pipeline of its record type, then writes the grade events of the days it
 * graded, on the job's (transaction's) connection.
 */
@ApplicationScoped
public class GradingService {

    private final SensorPipeline sensors;
    private final LabPipeline lab;
    private final OpsPipeline ops;
    private final GradeEvents events;
    private final GradingCheckpoint checkpoint;

    public GradingService(SensorPipeline sensors, LabPipeline lab, OpsPipeline ops, GradeEvents events,
            GradingCheckpoint checkpoint) {
        this.sensors = sensors;
        this.lab = lab;
        this.ops = ops;
        this.events = events;
        this.checkpoint = checkpoint;
    }

    /** @return how many records were graded */
    public long grade(Connection c, Job job, GradingConfig config) throws SQLException, IOException {
        Set<PlantDay> changed = new TreeSet<>();
        long n = switch (RecordType.of(job.recordType())) {
            case SENSOR -> sensors.grade(c, job, config, changed);
            case LAB -> lab.grade(c, job, config, changed);
            case OPS -> ops.grade(c, job, config, changed);
        };
        checkpoint.afterGradesWritten(job.id());
        events.ofJob(c, job.id(), job.recordType(), changed);
        return n;
    }
}
