package org.carbonmrv.common.security;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One audit row: who, when, what on what, its details, the request, and its place in the hash chain. */
@RegisterForReflection
public record AuditEntry(long id, OffsetDateTime at, String subject, String roles, String action, String target,
        JsonNode details, String requestId, Long chainSeq, String hash) {
}
