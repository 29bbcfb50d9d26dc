package org.carbonmrv.mrv.statement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.chain.Chain;
import org.carbonmrv.common.chain.ChainReport;
import org.carbonmrv.common.chain.ChainVerifier;
import org.carbonmrv.common.chain.ChainWalk;

import io.agroal.api.AgroalDataSource;

/**
 * The statements' hash chain, recomputed from the stored fields (V10 writes it): a statement changed, removed or
 * re-linked behind the application's back is the first broken link; the document's and the evidence package's
 * SHA-256 are in each link, so a package is matched to its statement, and a document checked against its hash.
 */
@ApplicationScoped
public class StatementChain implements ChainVerifier {

    private final AgroalDataSource dataSource;

    public StatementChain(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ChainReport verify() {
        ChainWalk walk = new ChainWalk("mrv.statement");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select chain_seq, "
                + "id, plant, from_day, to_day, version, issued_by, issued_at, document_sha256, evidence_sha256, "
                + "prev_hash, hash, document from mrv.statement order by chain_seq"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String documentSha = rs.getString(9).strip();
                String content = Chain.content(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class).toString(), rs.getObject(5, LocalDate.class).toString(),
                        rs.getString(6), rs.getString(7), Chain.instant(rs.getObject(8, OffsetDateTime.class)),
                        documentSha, rs.getString(10).strip());
                // a document changed under its hash breaks the link as surely as a changed field
                String hash = StatementService.sha256(rs.getString(13)).equals(documentSha) ? rs.getString(12)
                        : "document-changed";
                if (!walk.next(rs.getLong(1), rs.getString(11), hash, content)) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement chain not read: " + e.getMessage(), e);
        }
        return walk.report();
    }
}
