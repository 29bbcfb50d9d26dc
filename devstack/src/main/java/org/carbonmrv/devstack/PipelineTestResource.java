package org.carbonmrv.devstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For mrv-service's tests: the packaged ingest-service and qaqc-service (grading in the background) run as real
 * processes against the same PostgreSQL. Gives the datasource, {@code pipeline.ingest-url} and
 * {@code pipeline.qaqc-url} (also the dashboard's upstream links).
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(new EmbeddedPostgresTestResource().start());
        props.put("pipeline.ingest-url", UpstreamServices.url("ingest-service", props, Map.of()));
        props.put("pipeline.qaqc-url", UpstreamServices.url("qaqc-service", props,
                // the dashboard under test runs on a random local port and posts overrides to this qaqc-service
                Map.of("QAQC_WORKER_POLL", "200ms", "QUARKUS_HTTP_CORS_ORIGINS", "/http://localhost:[0-9]+/")));
        // the browser reaches the upstream services at the same URLs
        props.put("mrv.dashboard.ingest-url", props.get("pipeline.ingest-url"));
        props.put("mrv.dashboard.qaqc-url", props.get("pipeline.qaqc-url"));
        return props;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
