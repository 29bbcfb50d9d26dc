package org.carbonmrv.mrv.statement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A reporting-period statement as issued, what a registry receives: the plant and period, the totals (the
 * conservative one is the figure to be credited), days per flag, the exact figure version of every day, the
 * methodologies and qaqc configurations used, the uploads the figures came from, the approvals, the Monte Carlo
 * and sensitivity analyses, and what changed since the previous version. Serialized once, its JSON text is stored
 * and hashed as it is.
 */
@RegisterForReflection
public record StatementDocument(String statementFormat, String plant, String plantName, LocalDate from, LocalDate to,
        int version, Long previousStatementId, String comment, String issuedBy, OffsetDateTime issuedAt,
        Totals totals, Map<RemovalFlag, Integer> daysByFlag, List<Day> days, List<MethodologyUsed> methodologies,
        List<Integer> qaqcConfigVersions, List<UploadUsed> uploads, List<ApprovalUsed> approvals,
        MonteCarlo.Result monteCarlo, Sensitivity.Result sensitivity, Changes changes) {

    public static final String FORMAT = "carbon-mrv/statement/1";

    /** The period's totals over VALID days (t CO₂): u as the daily figures' terms combine; conservative = total − k·u. */
    @RegisterForReflection
    public record Totals(int days, int validDays, double validCo2T, double uValidCo2T, double conservativeCo2T,
            double coverageFactor) {
    }

    /** A day's figure as the statement took it. */
    @RegisterForReflection
    public record Day(LocalDate day, int figureVersion, RemovalFlag flag, Double flowMgd, Double caUpstreamMgPerL,
            Double caDownstreamMgPerL, Double deltaCaMgPerL, Double co2T, Double uCo2T, Double uCo2CaT,
            Double uCo2FlowT, Double conservativeCo2T, boolean needsReview, int methodologyId, String fingerprint,
            Long approvalId) {
    }

    @RegisterForReflection
    public record MethodologyUsed(int id, String version, JsonNode definition) {

        /** Its formula, as the definition writes it. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String formula() {
            return definition == null ? "" : definition.path("formula").asText("");
        }
    }

    /** An upload a figure of the period used: the file, its SHA-256 and size, when it was generated and received. */
    @RegisterForReflection
    public record UploadUsed(long uploadId, String fileName, String recordType, String kind, String sha256,
            long sizeBytes, OffsetDateTime generatedAt, OffsetDateTime receivedAt) {
    }

    /** A decision that approves days of the period (the latest covering each), with its reviewer and comment. */
    @RegisterForReflection
    public record ApprovalUsed(long approvalId, ApprovalState.Decision decision, String decidedBy,
            OffsetDateTime decidedAt, String comment, LocalDate fromDay, LocalDate toDay, int daysInPeriod) {
    }

    /** What changed since the previous version of the statement (null for a first version). */
    @RegisterForReflection
    public record Changes(long previousStatementId, int previousVersion, Totals totalsBefore, Totals totalsAfter,
            List<DayChange> days) {
    }

    /** A day whose figure differs from the previous version's. */
    @RegisterForReflection
    public record DayChange(LocalDate day, Integer beforeVersion, RemovalFlag beforeFlag, Double beforeCo2T,
            int afterVersion, RemovalFlag afterFlag, Double afterCo2T) {
    }
}
