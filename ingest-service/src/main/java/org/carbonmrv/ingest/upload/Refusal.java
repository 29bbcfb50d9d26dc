package org.carbonmrv.ingest.upload;

import java.util.List;

import org.carbonmrv.ingest.parse.ParseOutcome;
import org.carbonmrv.ingest.parse.ParseProblem;

/**
 * Why a file is not taken: 400 when the request lacks what the file needs (a plant, a layout that exists), 413 when
 * it is too large, 409 when it contradicts what is stored, 422 when the file cannot be ingested; with the problems found (row, column, reason) and their count.
 */
public record Refusal(int status, List<ParseProblem> problems, long total) {

    public static Refusal badRequest(String reason) {
        return new Refusal(400, List.of(ParseProblem.file(reason)), 1);
    }

    public static Refusal unprocessable(String reason) {
        return unprocessable(ParseProblem.file(reason));
    }

    public static Refusal unprocessable(ParseProblem problem) {
        return new Refusal(422, List.of(problem), 1);
    }

    public static Refusal of(ParseOutcome.Refused refused) {
        return new Refusal(422, refused.problems(), refused.total());
    }

    /** The request contradicts what is stored (the same bytes accepted before as another plant's). */
    public static Refusal conflict(String reason) {
        return new Refusal(409, List.of(ParseProblem.file(reason)), 1);
    }

    public static Refusal tooLarge(long size, long limit) {
        return new Refusal(413, List.of(ParseProblem.file("the file is " + size + " bytes; the limit is " + limit)), 1);
    }

    public String reason() {
        return problems.isEmpty() ? "file refused" : problems.get(0).reason();
    }
}
