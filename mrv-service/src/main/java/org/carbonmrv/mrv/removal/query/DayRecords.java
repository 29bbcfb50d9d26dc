package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The parts of a day's detail beside its figure, as read. */
public final class DayRecords {

    private DayRecords() {
    }

    /** A version of the day in its list of versions. */
    @RegisterForReflection
    public record VersionSummary(int version, String state, RemovalFlag flag, Double co2T, Double conservativeCo2T,
            String fingerprint, OffsetDateTime computedAt, OffsetDateTime supersededAt, Integer supersededByVersion,
            JsonNode trigger) {

        /** What computed this version, in a few words: the trigger's kind and reason. */
        @JsonIgnore
        public String triggerSummary() {
            return trigger == null ? "" : (trigger.path("kind").asText("") + " " + trigger.path("reason").asText(""))
                    .strip();
        }
    }

    /** A decision covering the day, with the version of the day it was about. */
    @RegisterForReflection
    public record Decision(long id, ApprovalState.Decision decision, String comment, String decidedBy,
            OffsetDateTime decidedAt, LocalDate fromDay, LocalDate toDay, Integer approvedVersion) {
    }

    /** The day's approval state, the latest decision covering it, a version waiting for approval. */
    @RegisterForReflection
    public record DayApproval(ApprovalState approvalState, Long approvalId, Integer pendingVersion) {
    }

    /** A stored methodology (its definition a JSON document). */
    @RegisterForReflection
    public record MethodologyRow(int id, String version, JsonNode definition, OffsetDateTime createdAt) {
    }
}
