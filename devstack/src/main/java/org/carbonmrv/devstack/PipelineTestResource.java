package org.carbonmrv.devstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For mrv-service's tests: the packaged ingest-service and qaqc-service (grading in the background) run as real
 * processes against the same PostgreSQL. Gives the datasource, {@code pipeline.ingest-url} and
 * {@code pipeline.qaqc-url}.
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(new EmbeddedPostgresTestResource().start());
        props.put("pipeline.ingest-url", UpstreamServices.url("ingest-service", props, Map.of()));
        props.put("pipeline.qaqc-url", UpstreamServices.url("qaqc-service", props,
                Map.of("QAQC_WORKER_POLL", "200ms")));
        return props;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
