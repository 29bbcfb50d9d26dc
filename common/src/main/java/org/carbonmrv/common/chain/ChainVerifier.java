package org.carbonmrv.common.chain;

/** A hash chain of the service that {@code GET /api/v1/audit/verify} recomputes. */
public interface ChainVerifier {

    ChainReport verify();
}
