package org.carbonmrv.common.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's audit trail as a chain: its rows in chain order, read in batches. */
@ApplicationScoped
public class AuditChain implements ChainVerifier {

    private final DataSource dataSource;
    private final String table;

    public AuditChain(DataSource dataSource, @ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        this.dataSource = dataSource;
        this.table = schema + ".audit";
    }

    @Override
    public ChainReport verify() {
        ChainWalk walk = new ChainWalk(table);
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor: the rows stream in batches
            try (PreparedStatement ps = c.prepareStatement("select chain_seq, at, subject, roles, action, target, "
                    + "details::text, request_id, prev_hash, hash from " + table + " order by chain_seq")) {
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && walk.next(rs.getLong(1), rs.getString(9), rs.getString(10), Chain.content(
                            rs.getString(1), Chain.instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))) {
                        // walked
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit chain not read: " + e.getMessage(), e);
        }
        return walk.report();
    }
}
