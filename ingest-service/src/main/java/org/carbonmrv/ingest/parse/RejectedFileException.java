package org.carbonmrv.ingest.parse;

import java.util.List;

/** The file cannot be ingested: nothing of it is stored but the REJECTED upload and its bytes. */
public class RejectedFileException extends RuntimeException {

    private final transient List<ParseProblem> problems;
    private final long totalErrors;
    private final int status;

    public RejectedFileException(List<ParseProblem> problems, long totalErrors) {
        this(422, problems, totalErrors);
    }

    /** @param status 422 for a file that cannot be read, 400 for a request missing what the file needs, 413 */
    public RejectedFileException(int status, List<ParseProblem> problems, long totalErrors) {
        super(problems.isEmpty() ? "file rejected" : problems.get(0).reason());
        this.problems = List.copyOf(problems);
        this.totalErrors = totalErrors;
        this.status = status;
    }

    public static RejectedFileException badRequest(String reason) {
        return new RejectedFileException(400, List.of(ParseProblem.file(reason)), 1);
    }

    public int status() {
        return status;
    }

    public RejectedFileException(String reason) {
        this(List.of(ParseProblem.file(reason)), 1);
    }

    public RejectedFileException(ParseProblem problem) {
        this(List.of(problem), 1);
    }

    public List<ParseProblem> problems() {
        return problems;
    }

    public long totalErrors() {
        return totalErrors;
    }
}
