package org.carbonmrv.mrv.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Runtime settings of the mrv-service (environment: MRV_WORKER_ENABLED, MRV_UNCERTAINTY_COVERAGE_FACTOR…). */
@ConfigMapping(prefix = "mrv")
public interface MrvConfig {

    Worker worker();

    Uncertainty uncertainty();

    Points points();

    Dashboard dashboard();

    Statement statement();

    /**
     * How often a replica re-reads the data revision besides its notifications (a safety net; answers may lag a
     * missed notification by this much).
     */
    @WithDefault("10s")
    java.time.Duration revisionRecheck();

    /** How censored lab values enter a figure: BOUND (conservative bound) or EXCLUDE. */
    @WithDefault("BOUND")
    org.carbonmrv.mrv.removal.CensoredTreatment censoredTreatment();

    /** Failures after which an event is parked with its error instead of being retried. */
    @WithDefault("3")
    int maxAttempts();

    interface Worker {
        /** Whether this replica claims grade events (API-only replicas set false). */
        @WithDefault("true")
        boolean enabled();

        /** How often the queue is polled when idle. */
        @WithDefault("1s")
        String poll();

        /** Events claimed per transaction: one recompute covers all their plant-days. */
        @WithDefault("5000")
        int batchSize();
    }

    interface Uncertainty {
        /** Relative standard uncertainty of a calcium reading that reports none (0.03 = 3 %). */
        @WithDefault("0.03")
        double caDefaultRelative();

        /** Relative standard uncertainty of the effluent flow meter. */
        @WithDefault("0.05")
        double flowRelative();

        /** Coverage factor k of the conservative figure (estimate − k·u); 1.645 = one-sided 95 %. */
        @WithDefault("1.645")
        double coverageFactor();
    }

    interface Points {
        /** Lab sampling point upstream of the alkalinity dosing (lab unit_type_id). */
        @WithDefault("primary_clarifier")
        String upstream();

        /** Lab sampling point downstream. */
        @WithDefault("secondary_clarifier")
        String downstream();

        /** Lab parameter name of calcium. */
        @WithDefault("calcium")
        String parameter();
    }

    /** How a reporting-period statement propagates uncertainty beside the first-order figure, and its sensitivity. */
    interface Statement {
        /** Monte Carlo draws of the period's total. */
        @WithDefault("20000")
        int monteCarloDraws();

        /** Seed of the draws (java.util.Random: the same seed gives the same draws on any JVM). */
        @WithDefault("20240701")
        long monteCarloSeed();

        /** Percentile of the drawn totals that is credited (5: the total exceeded in 95 % of draws). */
        @WithDefault("5")
        double creditedPercentile();

        /** Relative change each input class is given in the sensitivity analysis (0.2 = ±20 %). */
        @WithDefault("0.2")
        double sensitivityVariation();

        /** Relative change of the total above which an input is listed as influential (0.01 = 1 %). */
        @WithDefault("0.01")
        double sensitivityThreshold();
    }

    interface Dashboard {
        /**
         * Base URL the browser uses for the ingest-service (links to original files): its own origin locally,
         * {@code /ingest} behind the load balancer.
         */
        @WithDefault("http://localhost:8081")
        String ingestUrl();

        /** Base URL the browser uses for the qaqc-service (reviewer overrides are posted there, not here). */
        @WithDefault("http://localhost:8082")
        String qaqcUrl();

        /** Days shown when the URL names no range: the last N months of the plant's data. */
        @WithDefault("3")
        int defaultMonths();

        /** Most days one view renders (a longer range is refused with a message, not truncated silently). */
        @WithDefault("1100")
        int maxDays();

        /**
         * Memory for the views (figures, days table, chart data), each kept until mrv's revision or the plant's in
         * ingest or qaqc moves (a plant-year takes about 1.3 MB; the least recently used make room; with the API's
         * 64 MB of answers, within the quarter of a 1 GB task's memory a JVM takes for its heap by default). 0 keeps
         * none.
         */
        @WithDefault("32")
        int cacheMb();
    }
}
