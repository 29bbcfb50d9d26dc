package org.carbonmrv.devstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For qaqc-service's tests: the packaged ingest-service runs as a real process against the same PostgreSQL, so that
 * tests upload files through its HTTP API. Gives the test the datasource and {@code pipeline.ingest-url}.
 */
public class IngestServiceTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(new EmbeddedPostgresTestResource().start());
        props.put("pipeline.ingest-url", UpstreamServices.url("ingest-service", props, Map.of()));
        return props;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
