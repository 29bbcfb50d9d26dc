package org.carbonmrv.mrv.statement;

import java.time.LocalDate;
import java.util.List;

/** What asking for a statement came to. */
public sealed interface Issuance {

    /** A new statement (a first version, or version n+1 after something changed). */
    record Issued(Statement statement) implements Issuance {
    }

    /** Nothing changed since the latest version: it is the statement. */
    record Unchanged(Statement statement) implements Issuance {
    }

    /** Not every day of the period has a figure and is approved: the days at fault, by why. */
    record Refused(List<LocalDate> withoutFigure, List<LocalDate> unreviewed, List<LocalDate> rejected,
            List<LocalDate> changedAfterApproval) implements Issuance {
    }
}
