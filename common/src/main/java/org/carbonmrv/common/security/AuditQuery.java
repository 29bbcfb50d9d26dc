package org.carbonmrv.common.security;

import java.time.LocalDateTime;

/** Which audit rows a read wants (each member null for "any"), newest first, at most {@code limit}. */
public record AuditQuery(String subject, String action, String requestId, LocalDateTime from, LocalDateTime to,
        int limit) {
}
