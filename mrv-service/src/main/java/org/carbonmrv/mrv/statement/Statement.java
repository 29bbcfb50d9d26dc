package org.carbonmrv.mrv.statement;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A stored statement as lists give it: its period, version, totals, hashes and place in the chain. */
@RegisterForReflection
public record Statement(long id, String plant, LocalDate fromDay, LocalDate toDay, int version, Long previousId,
        String comment, String issuedBy, OffsetDateTime issuedAt, int days, int validDays, double validCo2T,
        double uValidCo2T, double conservativeCo2T, double coverageFactor, String documentSha256,
        String evidenceSha256, Long chainSeq, String hash) {
}
