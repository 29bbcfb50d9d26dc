package org.carbonmrv.ingest.parse;

import java.time.OffsetDateTime;
import java.util.List;

/** What parsing a file came to: its records are in the sink, or it is refused with the problems found. */
public sealed interface ParseOutcome {

    /** @param generatedAt when the export says it was generated, if the layout locates that */
    record Parsed(OffsetDateTime generatedAt) implements ParseOutcome {
    }

    /** @param total every problem found (only the first few are listed) */
    record Refused(List<ParseProblem> problems, long total) implements ParseOutcome {

        public static Refused of(ParseProblem problem) {
            return new Refused(List.of(problem), 1);
        }

        public String reason() {
            return problems.isEmpty() ? "file refused" : problems.get(0).reason();
        }
    }
}
