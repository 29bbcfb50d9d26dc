package org.carbonmrv.qaqc.queue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.LogContext;
import org.carbonmrv.common.trace.TraceParent;
import org.carbonmrv.qaqc.config.QaqcConfig;
import org.carbonmrv.qaqc.grading.ConfigStore;
import org.carbonmrv.qaqc.grading.GradingConfig;
import org.carbonmrv.qaqc.grading.GradingService;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The claim loop: takes pending jobs one at a time; each is graded, its grades and grade events written and the
 * job marked done in one transaction. A failure rolls everything back and counts an attempt.
 */
@ApplicationScoped
public class GradingWorker {

    private static final Logger LOG = Logger.getLogger(GradingWorker.class);

    private final JobQueue queue;
    private final GradingService grading;
    private final ConfigStore configs;
    private final AgroalDataSource dataSource;
    private final QaqcConfig config;
    private final GradingMeters meters;
    private final Tracer tracer;

    public GradingWorker(JobQueue queue, GradingService grading, ConfigStore configs, AgroalDataSource dataSource,
            QaqcConfig config, GradingMeters meters, Tracer tracer) {
        this.tracer = tracer;
        this.queue = queue;
        this.grading = grading;
        this.configs = configs;
        this.dataSource = dataSource;
        this.config = config;
        this.meters = meters;
    }

    @Scheduled(every = "${qaqc.worker.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        if (!config.worker().enabled()) {
            return;
        }
        drain();
    }

    /** Mirrors new upload events, then grades until no job is pending. @return jobs processed */
    public int drain() {
        queue.syncUploadEvents();
        int n = 0;
        while (processOne()) {
            n++;
        }
        return n;
    }

    /** Grades a claimed job in a span of the upload's trace; marks it done. @return records graded */
    private long grade(Connection c, Job job, LogContext log) throws SQLException, IOException {
        Span span = TraceParent.startConsumer(tracer, "qaqc grade job", Collections.singletonList(
                job.traceparent()));
        try (Scope scope = span.makeCurrent()) {
            log.and(TraceParent.logKeys(span));
            span.setAttribute("carbonmrv.job_id", job.id());
            span.setAttribute("carbonmrv.upload_id", job.uploadId());
            long t0 = System.nanoTime();
            GradingConfig cfg = configs.current(c);
            long n = grading.grade(c, job, cfg);
            queue.done(c, job.id(), cfg.version);
            span.setAttribute("carbonmrv.records", n);
            LOG.infof("job %d (%s upload %d, %s): %d records graded with config v%d in %d ms", job.id(), job.kind(),
                    job.uploadId(), job.recordType(), n, cfg.version, (System.nanoTime() - t0) / 1_000_000);
            return n;
        } catch (SQLException | IOException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Claims and grades one job. @return false when no job was pending */
    public boolean processOne() {
        Job[] claimed = {null};
        long[] graded = {0, 0}; // records, nanos: counted once the transaction has committed
        long t0 = System.nanoTime();
        try (LogContext log = LogContext.with()) {
            boolean processed = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    Job job = queue.claim(c);
                    if (job == null) {
                        return false;
                    }
                    claimed[0] = job;
                    log.and("job_id", job.id(), "upload_id", job.uploadId(), "record_type", job.recordType());
                    graded[0] = grade(c, job, log);
                    return true;
                }
            });
            graded[1] = System.nanoTime() - t0;
            if (processed) {
                meters.done(claimed[0], graded[0], graded[1]);
            }
            return processed;
        } catch (RuntimeException e) {
            if (claimed[0] == null) {
                throw e;
            }
            try (LogContext log = LogContext.with("job_id", claimed[0].id(), "upload_id", claimed[0].uploadId())) {
                LOG.warnf(e, "job %d failed", claimed[0].id());
                queue.failed(claimed[0].id(), e.getCause() != null ? e.getCause() : e);
                meters.failed(claimed[0]);
            }
            return true;
        }
    }
}
