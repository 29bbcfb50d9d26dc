package org.carbonmrv.qaqc.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Versions of the grading configuration in {@code qaqc.config_version}; a change is a new version. */
@ApplicationScoped
public class ConfigStore {

    /** A stored version with who made it and why. */
    public record Version(int version, Map<String, Object> config, OffsetDateTime createdAt, String createdBy,
            String comment) {
    }

    private final ObjectMapper json;

    public ConfigStore(ObjectMapper json) {
        this.json = json;
    }

    public GradingConfig current(Connection c) throws SQLException {
        Version v = latest(c);
        return new GradingConfig(v.version, v.config);
    }

    public Version latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select version, config::text, created_at, created_by, comment "
                + "from qaqc.config_version order by version desc limit 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no grading configuration (migration V2 missing?)");
            }
            return new Version(rs.getInt(1), parse(rs.getString(2)), rs.getObject(3, OffsetDateTime.class),
                    rs.getString(4), rs.getString(5));
        }
    }

    /** Serialises configuration changes: one new version at a time (transaction-scoped). */
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(7301)")) {
            lock.execute();
        }
    }

    /** Stores a new version (validated by the caller) and returns its number. */
    public int add(Connection c, Map<String, Object> config, String createdBy, String comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into qaqc.config_version (version, config, created_by, "
                + "comment) select coalesce(max(version), 0) + 1, ?::jsonb, ?, ? from qaqc.config_version "
                + "returning version")) {
            ps.setString(1, json.writeValueAsString(config));
            ps.setString(2, createdBy);
            ps.setString(3, comment);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored configuration is not JSON", e);
        }
    }
}
