package org.carbonmrv.mrv.statement;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A statement's document is stored as JSON and read back by hand (not only answered over REST): its types are
 * registered for Jackson's reflection in a native executable.
 */
@RegisterForReflection(targets = {StatementDocument.class, StatementDocument.Totals.class, StatementDocument.Day.class,
    StatementDocument.MethodologyUsed.class, StatementDocument.UploadUsed.class, StatementDocument.ApprovalUsed.class,
    StatementDocument.Changes.class, StatementDocument.DayChange.class})
final class DocumentTypes {

    private DocumentTypes() {
    }
}
