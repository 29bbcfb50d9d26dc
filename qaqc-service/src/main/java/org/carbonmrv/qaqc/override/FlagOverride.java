package org.carbonmrv.qaqc.override;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A reviewer's override as stored: the records it covers (by id, or by plant, parameter and local time range), the
 * flag it sets (code), why, who and when; when revoked, by whom and why.
 */
@RegisterForReflection
public record FlagOverride(long id, String recordType, List<Long> recordIds, String plant, String parameter,
        LocalDateTime fromTs, LocalDateTime toTs, int flag, String reason, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime revokedAt, String revokedBy, String revokeReason) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRevoked() {
        return revokedAt != null;
    }
}
