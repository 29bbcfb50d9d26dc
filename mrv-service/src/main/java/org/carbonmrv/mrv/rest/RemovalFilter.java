package org.carbonmrv.mrv.rest;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters shared by the list, the summary, the exports and the dashboard, read from the query string and handed
 * on as a {@link DayQuery}. A flag or approval state that is not one of the names is a 400 naming the parameter.
 */
public class RemovalFilter {

    @QueryParam("plant")
    @Parameter(description = "Plant id", example = "PLANT_A")
    public String plant;

    @QueryParam("from")
    @Parameter(description = "First day (inclusive), ISO date", example = "2024-07-01")
    public LocalDate from;

    @QueryParam("to")
    @Parameter(description = "Last day (inclusive), ISO date", example = "2024-09-30")
    public LocalDate to;

    @QueryParam("flag")
    @Parameter(description = "Only days with these flags (repeatable)")
    public List<RemovalFlag> flag;

    @QueryParam("approval")
    @Parameter(description = "Only days in these approval states (repeatable)")
    public List<ApprovalState> approval;

    @QueryParam("needs_review")
    @Parameter(description = "Only days that do (true) or do not (false) use a SUSPECT or ungraded input")
    public Boolean needsReview;

    /** The query of these filters; a range whose start is after its end is a 400 naming {@code from}. */
    public DayQuery toQuery() {
        requireOrdered(from, to);
        return new DayQuery(plant == null || plant.isBlank() ? null : plant.strip(), from, to, set(flag,
                RemovalFlag.class), set(approval, ApprovalState.class), needsReview);
    }

    private static <E extends Enum<E>> EnumSet<E> set(List<E> values, Class<E> type) {
        EnumSet<E> s = EnumSet.noneOf(type);
        if (values != null) {
            values.stream().filter(v -> v != null).forEach(s::add);
        }
        return s;
    }

    static void requireOrdered(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw Problem.badRequest("from", "must not be after 'to'");
        }
    }
}
