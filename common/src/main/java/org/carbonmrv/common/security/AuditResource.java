package org.carbonmrv.common.security;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.chain.ChainReport;
import org.carbonmrv.common.chain.ChainVerifier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The service's audit trail, read-only (no API writes or changes it), and the check of its hash chains. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who did what, when, with which request id (append-only, hash-chained)")
public class AuditResource {

    /** Every chain of the service, recomputed: intact only when each one is. */
    @RegisterForReflection
    public record Verification(boolean intact, List<ChainReport> chains) {
    }

    private final AuditRepository audit;
    private final Instance<ChainVerifier> chains;

    public AuditResource(AuditRepository audit, Instance<ChainVerifier> chains) {
        this.audit = audit;
        this.chains = chains;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Audit rows, newest first: filters subject, action, request_id, from, to (ISO date-times)")
    public List<AuditEntry> list(@QueryParam("subject") String subject, @QueryParam("action") String action,
            @QueryParam("request_id") String requestId, @QueryParam("from") LocalDateTime from,
            @QueryParam("to") LocalDateTime to, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000)
            int limit) {
        return audit.list(new AuditQuery(subject, action, requestId, from, to, limit));
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Recompute every hash chain of the service (its audit trail; in mrv also its statements) "
            + "and report the first broken link of each")
    public Verification verify() {
        List<ChainReport> reports = chains.stream().map(ChainVerifier::verify).toList();
        return new Verification(reports.stream().allMatch(ChainReport::intact), reports);
    }
}
