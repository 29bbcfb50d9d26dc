package org.carbonmrv.mrv.statement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.mrv.removal.RemovalFlag;

import io.agroal.api.AgroalDataSource;

/**
 * The SQL of statements ({@code mrv.statement}, {@code mrv.statement_day}: append-only, chained by their insert
 * trigger) and of what they read from ingest's published views (uploads).
 */
@ApplicationScoped
public class StatementRepository {

    private static final String COLUMNS = "id, plant, from_day, to_day, version, previous_id, comment, issued_by, "
            + "issued_at, days, valid_days, valid_co2_t, u_valid_co2_t, conservative_co2_t, coverage_factor, "
            + "document_sha256, evidence_sha256, chain_seq, hash";

    /** A day of a stored statement: its figure version and what it said. */
    public record StoredDay(LocalDate day, int figureVersion, RemovalFlag flag, Double co2T, String fingerprint) {
    }

    private final AgroalDataSource dataSource;

    public StatementRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id a new statement will have (its document names it before the row is written). */
    public long nextId(Connection c) throws SQLException {
        return Jdbc.list(c, "select nextval(pg_get_serial_sequence('mrv.statement', 'id'))", rs -> rs.getLong(1))
                .get(0);
    }

    public void insert(Connection c, long id, StatementDocument d, String document, String documentSha256,
            String evidenceSha256) throws SQLException {
        StatementDocument.Totals t = d.totals();
        Jdbc.update(c, "insert into mrv.statement (id, plant, from_day, to_day, version, previous_id, comment, "
                + "issued_by, issued_at, days, valid_days, valid_co2_t, u_valid_co2_t, conservative_co2_t, "
                + "coverage_factor, document, document_sha256, evidence_sha256) overriding system value values (?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, d.plant(), d.from(), d.to(), d.version(),
                d.previousStatementId(), d.comment(), d.issuedBy(), d.issuedAt(), t.days(), t.validDays(),
                t.validCo2T(), t.uValidCo2T(), t.conservativeCo2T(), t.coverageFactor(), document, documentSha256,
                evidenceSha256);
        for (StatementDocument.Day day : d.days()) {
            Jdbc.update(c, "insert into mrv.statement_day (statement_id, plant, day, figure_version, flag, co2_t, "
                    + "conservative_co2_t, fingerprint) values (?, ?, ?, ?, ?, ?, ?, ?)", id, d.plant(), day.day(),
                    day.figureVersion(), day.flag().name(), day.co2T(), day.conservativeCo2T(), day.fingerprint());
        }
    }

    /** Statements, newest first: of one plant, or all. */
    public List<Statement> list(String plant) {
        Conditions w = new Conditions().and("plant = ?", plant);
        return Jdbc.list(dataSource, "select " + COLUMNS + " from mrv.statement" + w.sql() + " order by id desc",
                StatementRepository::row, w.params());
    }

    public Optional<Statement> byId(long id) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from mrv.statement where id = ?",
                StatementRepository::row, id);
    }

    /** The latest version of a plant's period, on the caller's connection. */
    public Optional<Statement> latest(Connection c, String plant, LocalDate from, LocalDate to) throws SQLException {
        return Jdbc.list(c, "select " + COLUMNS + " from mrv.statement where plant = ? and from_day = ? and to_day "
                + "= ? order by version desc limit 1", StatementRepository::row, plant, from, to).stream()
                .findFirst();
    }

    /** The document as issued: its JSON text, byte for byte. */
    public Optional<String> document(long id) {
        return Jdbc.first(dataSource, "select document from mrv.statement where id = ?", rs -> rs.getString(1), id);
    }

    public List<StoredDay> days(Connection c, long statementId) throws SQLException {
        return Jdbc.list(c, "select day, figure_version, flag, co2_t, fingerprint from mrv.statement_day where "
                + "statement_id = ? order by day", rs -> new StoredDay(rs.getObject(1, LocalDate.class), rs.getInt(2),
                        RemovalFlag.valueOf(rs.getString(3)), Jdbc.number(rs, 4), rs.getString(5)), statementId);
    }

    /** The uploads with these ids, as ingest publishes them, in id order. */
    public List<StatementDocument.UploadUsed> uploads(Connection c, List<Long> ids) throws SQLException {
        return Jdbc.list(c, "select upload_id, file_name, record_type, kind, sha256, size_bytes, generated_at, "
                + "received_at from ingest.v_upload where upload_id = any (?) order by upload_id", rs ->
                        new StatementDocument.UploadUsed(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5).strip(), rs.getLong(6), Jdbc.instant(rs, 7),
                                Jdbc.instant(rs, 8)), c.createArrayOf("bigint", ids.toArray()));
    }

    private static Statement row(ResultSet rs) throws SQLException {
        return new Statement(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), rs.getInt(5), Jdbc.bigint(rs, 6), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class), rs.getInt(10), rs.getInt(11), rs.getDouble(12),
                rs.getDouble(13), rs.getDouble(14), rs.getDouble(15), rs.getString(16).strip(),
                rs.getString(17).strip(), Jdbc.bigint(rs, 18), rs.getString(19) == null ? null
                        : rs.getString(19).strip());
    }
}
