package org.carbonmrv.qaqc.grading;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.qaqc.queue.JobQueue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Changing the grading thresholds: a valid set becomes a new version, and every accepted upload is queued for a
 * regrade with it, in one transaction; an invalid set is refused with each field at fault.
 */
@ApplicationScoped
public class ConfigService {

    /** What a proposed configuration became. */
    public sealed interface Change {
        record Stored(ConfigStore.Version version) implements Change {
        }

        /** Each problem: the field and what it must be. */
        record Refused(List<String[]> problems) implements Change {
        }
    }

    private final ConfigStore store;
    private final JobQueue jobs;
    private final AgroalDataSource dataSource;
    private final Audit audit;

    public ConfigService(ConfigStore store, JobQueue jobs, AgroalDataSource dataSource, Audit audit) {
        this.store = store;
        this.jobs = jobs;
        this.dataSource = dataSource;
        this.audit = audit;
    }

    public ConfigStore.Version current() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store.latest(c);
            }
        });
    }

    public Change propose(Map<String, Object> config, String comment) {
        List<String[]> problems = GradingConfig.validate(config);
        if (!problems.isEmpty()) {
            return new Change.Refused(problems);
        }
        String by = audit.subject();
        return new Change.Stored(QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                store.lock(c);
                int v = store.add(c, config, by, comment);
                audit.record("config.put", "config v" + v, Map.of("comment", String.valueOf(comment)));
                jobs.enqueueRegradeAll(c, v);
                return store.latest(c);
            }
        }));
    }
}
