package org.carbonmrv.qaqc.override;

/** What revoking an override did: revoked it now, found it revoked already, or found no such override. */
public sealed interface Revocation {

    record Revoked(FlagOverride override) implements Revocation {
    }

    record AlreadyRevoked(FlagOverride override) implements Revocation {
    }

    record NotFound(long id) implements Revocation {
    }
}
