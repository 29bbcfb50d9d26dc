package org.carbonmrv.mrv.health;

import jakarta.inject.Singleton;

import org.carbonmrv.mrv.cache.Revisions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the data revision comes from notifications. Always UP: without its listener a replica reads the revision
 * on every request instead (slower reads, same answers), which operators should see, not a reason to stop traffic.
 */
@Readiness
@Singleton
public class RevisionListenerHealthCheck implements HealthCheck {

    private final Revisions revisions;

    public RevisionListenerHealthCheck(Revisions revisions) {
        this.revisions = revisions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revision listener").up()
                .withData("listening", revisions.listening()).build();
    }
}
