package org.carbonmrv.qaqc.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.qaqc.grading.ConfigStore;
import org.carbonmrv.qaqc.grading.GradingConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.agroal.api.AgroalDataSource;
import org.carbonmrv.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

@Path("/api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config", description = "Versioned grading thresholds")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class ConfigResource {

    /** A new configuration: the whole threshold set, and why it changes. */
    public record ConfigRequest(@NotNull Map<String, Object> config, String comment) {
    }

    private final ConfigStore store;
    private final AgroalDataSource dataSource;

    private final Audit audit;

    public ConfigResource(ConfigStore store, AgroalDataSource dataSource, Audit audit) {
        this.audit = audit;
        this.store = store;
        this.dataSource = dataSource;
    }

    @GET
    @Operation(summary = "The current configuration version")
    public ConfigStore.Version current() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store.latest(c);
            }
        });
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new configuration version and re-grade every accepted upload with it",
            description = "A bad threshold set is a 400 naming each field at fault. Earlier grades stay in history "
                    + "with their version.")
    public Response put(@NotNull ConfigRequest request) {
        List<String[]> problems = GradingConfig.validate(request.config());
        if (!problems.isEmpty()) {
            throw Problem.status(Response.Status.BAD_REQUEST).title("Invalid configuration")
                    .detail(problems.get(0)[0] + ": " + problems.get(0)[1])
                    .with("violations", problems.stream().map(p -> Map.of("field", p[0], "message", p[1])).toList())
                    .build();
        }
        int version = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(7301)")) {
                    lock.execute();
                }
                int v = store.add(c, request.config(), audit.subject(), request.comment());
                audit.record("config.put", "config v" + v, java.util.Map.of("comment",
                        String.valueOf(request.comment())));
                try (PreparedStatement ps = c.prepareStatement("insert into qaqc.job (kind, upload_id, record_type, "
                        + "config_version) select 'regrade', upload_id, record_type, ? from ingest.v_upload "
                        + "where status = 'ACCEPTED' order by upload_id")) {
                    ps.setInt(1, v);
                    ps.executeUpdate();
                }
                return v;
            }
        });
        return Response.status(Response.Status.CREATED).entity(QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store.latest(c);
            }
        })).header("X-Config-Version", version).build();
    }
}
