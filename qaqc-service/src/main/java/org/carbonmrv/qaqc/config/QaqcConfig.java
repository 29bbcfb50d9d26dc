package org.carbonmrv.qaqc.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Runtime settings of the qaqc-service (environment: QAQC_WORKER_ENABLED, QAQC_MAX_ATTEMPTS…). */
@ConfigMapping(prefix = "qaqc")
public interface QaqcConfig {

    Worker worker();

    /** Failures after which a job is parked with its error instead of being retried. */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Memory for answers kept per plant revision (grade summaries and pages of one plant): one asked again while
     * none of the plant's grades changed is answered from it.
     */
    @WithDefault("32")
    int readCacheMb();

    interface Worker {
        /** Whether this replica claims grading jobs (API-only replicas set false). */
        @WithDefault("true")
        boolean enabled();

        /** How often the queue is polled when idle. */
        @WithDefault("1s")
        String poll();
    }
}
