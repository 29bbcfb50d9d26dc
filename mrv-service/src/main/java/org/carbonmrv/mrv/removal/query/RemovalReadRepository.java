package org.carbonmrv.mrv.removal.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import org.carbonmrv.mrv.removal.Lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * The reads of stored figures: a {@link DayQuery} is turned into SQL here only, every value bound; rows come back as
 * records. Lists read {@code mrv.v_removal_day}, a day's detail {@code mrv.removal} and the decisions.
 */
@ApplicationScoped
public class RemovalReadRepository {

    private static final String DAY_COLUMNS = "plant, day, flag, flow_mgd, ca_upstream_mg_per_l, "
            + "ca_downstream_mg_per_l, co2_t, delta_ca_mg_per_l, u_co2_t, u_co2_ca_t, u_co2_flow_t, "
            + "conservative_co2_t, needs_review, approval_state, version, pending_version, message, n_upstream, "
            + "n_downstream, qaqc_config_versions, methodology_id, computed_at, plant_version, approval_id";
    private static final String VERSION_COLUMNS = "plant, day, version, state, flag, message, needs_review, "
            + "review_reasons, flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, "
            + "n_upstream, n_downstream, co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, "
            + "qaqc_config_versions, methodology_id, inputs::text, fingerprint, trigger::text, computed_at, "
            + "superseded_at, superseded_by_version, plant_version";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public RemovalReadRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The query's conditions over mrv.v_removal_day, every value bound. */
    private static Conditions where(DayQuery q) {
        return new Conditions().and("plant = ?", q.plant() == null || q.plant().isBlank() ? null : q.plant())
                .and("day >= ?", q.from()).and("day <= ?", q.to())
                .and("flag = any (?)", q.flags().isEmpty() ? null : q.flags().stream().map(Enum::name)
                        .toArray(String[]::new))
                .and("approval_state = any (?)", q.approvals().isEmpty() ? null : q.approvals().stream()
                        .map(Enum::name).toArray(String[]::new))
                .and("needs_review = ?", q.needsReview());
    }

    public List<DayRow> days(DayQuery q, int offset, int limit) {
        Conditions w = where(q);
        return Jdbc.list(dataSource, "select " + DAY_COLUMNS + " from mrv.v_removal_day" + w.sql()
                + " order by plant, day limit ? offset ?", RemovalReadRepository::day, w.params(limit, offset));
    }

    public long count(DayQuery q) {
        Conditions w = where(q);
        return Jdbc.count(dataSource, "select count(*) from mrv.v_removal_day" + w.sql(), w.params());
    }

    public List<PlantSummary> plants() {
        // the current versions' days and flags only (mrv.v_removal_day would find each day's decision too)
        return Jdbc.list(dataSource, "select s.plant, min(s.day), max(s.day), count(*), count(*) filter (where "
                + "r.flag = 'VALID') from mrv.removal_state s join mrv.removal_version r on r.plant = s.plant and "
                + "r.day = s.day and r.version = s.current_version group by s.plant order by s.plant",
                rs -> new PlantSummary(
                        rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                        rs.getLong(4), rs.getLong(5)));
    }

    /** A day's current version, or the one asked for. */
    public Optional<FigureVersion> version(String plant, LocalDate day, Integer version) {
        return Jdbc.first(dataSource, "select " + VERSION_COLUMNS + " from mrv.removal where plant = ? and day = ? "
                + "and " + (version == null ? "state = 'CURRENT'" : "version = ?"), this::version,
                version == null ? new Object[] {plant, day} : new Object[] {plant, day, version});
    }

    /** The current version of each of a plant's days between two days (inclusive), with its lineage, in day order. */
    public List<FigureVersion> currentVersions(String plant, LocalDate from, LocalDate to) {
        return Jdbc.list(dataSource, "select " + VERSION_COLUMNS + " from mrv.removal where plant = ? and day between "
                + "? and ? and state = 'CURRENT' order by day", this::version, plant, from, to);
    }

    public List<DayRecords.VersionSummary> versions(String plant, LocalDate day) {
        return Jdbc.list(dataSource, "select version, state, flag, co2_t, conservative_co2_t, fingerprint, "
                + "computed_at, superseded_at, superseded_by_version, trigger::text from mrv.removal where plant = ? "
                + "and day = ? order by version", rs -> new DayRecords.VersionSummary(rs.getInt(1), rs.getString(2),
                        RemovalFlag.valueOf(rs.getString(3)), Jdbc.number(rs, 4), Jdbc.number(rs, 5),
                        rs.getString(6), Jdbc.instant(rs, 7), Jdbc.instant(rs, 8), Jdbc.integer(rs, 9),
                        document(rs.getString(10))), plant, day);
    }

    public Optional<DayRecords.DayApproval> approval(String plant, LocalDate day) {
        return Jdbc.first(dataSource, "select approval_state, approval_id, pending_version from mrv.v_removal_day "
                + "where plant = ? and day = ?", rs -> new DayRecords.DayApproval(ApprovalState.valueOf(
                        rs.getString(1)), Jdbc.bigint(rs, 2), Jdbc.integer(rs, 3)), plant, day);
    }

    /** Every decision covering the day, newest first, with the version of the day each was about. */
    public List<DayRecords.Decision> decisions(String plant, LocalDate day) {
        return Jdbc.list(dataSource, "select a.id, a.decision, a.comment, a.decided_by, a.decided_at, a.from_day, "
                + "a.to_day, ad.version from mrv.approval a left join mrv.approval_day ad on ad.approval_id = a.id "
                + "and ad.day = ? where a.plant = ? and ? between a.from_day and a.to_day order by a.id desc",
                rs -> new DayRecords.Decision(rs.getLong(1), ApprovalState.Decision.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), Jdbc.instant(rs, 5), rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class), Jdbc.integer(rs, 8)), day, plant, day);
    }

    public Optional<DayRecords.MethodologyRow> methodology(int id) {
        return Jdbc.first(dataSource, "select id, version, definition::text, created_at from mrv.methodology "
                + "where id = ?", rs -> new DayRecords.MethodologyRow(rs.getInt(1), rs.getString(2), document(rs.getString(3)),
                        Jdbc.instant(rs, 4)), id);
    }

    /** A stored JSON document (a trigger, a methodology's definition). */
    private JsonNode document(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }

    private static DayRow day(ResultSet rs) throws SQLException {
        return new DayRow(rs.getString(1), rs.getObject(2, LocalDate.class), RemovalFlag.valueOf(rs.getString(3)),
                Jdbc.number(rs, 4), Jdbc.number(rs, 5), Jdbc.number(rs, 6), Jdbc.number(rs, 7), Jdbc.number(rs, 8),
                Jdbc.number(rs, 9), Jdbc.number(rs, 10), Jdbc.number(rs, 11), Jdbc.number(rs, 12), rs.getBoolean(13),
                ApprovalState.valueOf(rs.getString(14)), rs.getInt(15), Jdbc.integer(rs, 16), rs.getString(17),
                rs.getInt(18), rs.getInt(19), Jdbc.integers(rs, 20), rs.getInt(21), Jdbc.instant(rs, 22),
                Jdbc.integer(rs, 23), Jdbc.bigint(rs, 24));
    }

    private FigureVersion version(ResultSet rs) throws SQLException {
        return new FigureVersion(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getString(4),
                RemovalFlag.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7), Jdbc.texts(rs, 8),
                Jdbc.number(rs, 9), Jdbc.number(rs, 10), Jdbc.number(rs, 11), Jdbc.number(rs, 12), rs.getInt(13),
                rs.getInt(14), Jdbc.number(rs, 15), Jdbc.number(rs, 16), Jdbc.number(rs, 17), Jdbc.number(rs, 18),
                Jdbc.number(rs, 19), Jdbc.integers(rs, 20), rs.getInt(21), Lineage.inputs(rs.getString(22), json),
                rs.getString(23), document(rs.getString(24)), Jdbc.instant(rs, 25), Jdbc.instant(rs, 26), Jdbc.integer(rs, 27),
                Jdbc.integer(rs, 28));
    }
}
