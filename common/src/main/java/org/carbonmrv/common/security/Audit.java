package org.carbonmrv.common.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Append-only audit trail of the service's schema ({@code <schema>.audit}, which refuses updates and deletes):
 * who (the token's subject and roles), when, what, on what, with the request id. Written on the caller's
 * transaction (the pool hands the transaction's connection back), so an action and its audit row commit together.
 */
@ApplicationScoped
public class Audit {

    private final DataSource dataSource;
    private final Instance<SecurityIdentity> identity;
    private final Instance<RequestInfo> request;
    private final ObjectMapper json;
    private final String table;

    public Audit(DataSource dataSource, Instance<SecurityIdentity> identity, Instance<RequestInfo> request,
            ObjectMapper json, @ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        this.dataSource = dataSource;
        this.identity = identity;
        this.request = request;
        this.json = json;
        this.table = schema + ".audit";
    }

    /** The subject of the current request's token ({@code system} outside a request, e.g. a queue worker). */
    public String subject() {
        try {
            SecurityIdentity id = identity.get();
            if (id == null || id.isAnonymous()) {
                return "anonymous";
            }
            return id.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                    : id.getPrincipal().getName();
        } catch (ContextNotActiveException e) {
            return "system";
        }
    }

    public void record(String action, String target, Object details) {
        String roles = null;
        String requestId = null;
        try {
            SecurityIdentity id = identity.get();
            roles = id == null ? null : String.join(",", new TreeSet<>(id.getRoles()));
            requestId = request.get().getRequestId();
        } catch (ContextNotActiveException e) {
            // not in a request: a background worker
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into "
                + table + " (subject, roles, action, target, details, request_id) values (?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, subject());
            ps.setString(2, roles);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, json.writeValueAsString(details));
            ps.setString(6, requestId);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("audit row not written: " + e.getMessage(), e);
        }
    }
}
