package org.carbonmrv.qaqc.queue;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.LogContext;
import org.carbonmrv.qaqc.config.QaqcConfig;
import org.carbonmrv.qaqc.grading.ConfigStore;
import org.carbonmrv.qaqc.grading.GradingConfig;
import org.carbonmrv.qaqc.grading.GradingService;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
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

    public GradingWorker(JobQueue queue, GradingService grading, ConfigStore configs, AgroalDataSource dataSource,
            QaqcConfig config, GradingMeters meters) {
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

    /** Claims and grades one job. @return false when no job was pending */
    public boolean processOne() {
        Job[] claimed = {null};
        long[] graded = {0, 0}; // records, nanos: counted once the transaction has committed
        try (LogContext log = LogContext.with()) {
            boolean processed = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    Job job = queue.claim(c);
                    if (job == null) {
                        return false;
                    }
                    claimed[0] = job;
                    log.and("job_id", job.id(), "upload_id", job.uploadId(), "record_type", job.recordType());
                    long t0 = System.nanoTime();
                    GradingConfig cfg = configs.current(c);
                    long n = grading.grade(c, job, cfg);
                    queue.done(c, job.id(), cfg.version);
                    graded[0] = n;
                    graded[1] = System.nanoTime() - t0;
                    LOG.infof("job %d (%s upload %d, %s): %d records graded with config v%d in %d ms", job.id(),
                            job.kind(), job.uploadId(), job.recordType(), n, cfg.version,
                            (System.nanoTime() - t0) / 1_000_000);
                    return true;
                }
            });
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
