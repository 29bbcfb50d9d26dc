package org.carbonmrv.mrv.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.mrv.removal.RemovalFlag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import org.carbonmrv.common.problem.Problem;

/** The filters shared by the list, the summary and the exports; every value is bound, never spliced into SQL. */
public class RemovalFilter {

    static final List<String> APPROVAL_STATES_ORDERED = List.of("UNREVIEWED", "APPROVED", "REJECTED",
            "CHANGED_AFTER_APPROVAL");
    static final Set<String> APPROVAL_STATES = Set.copyOf(APPROVAL_STATES_ORDERED);

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
    @Parameter(description = "VALID, INVALID, MISSING_CA_READINGS, INVALID_FLOW or NO_OPS_DATA (repeatable)")
    public List<String> flag;

    @QueryParam("approval")
    @Parameter(description = "UNREVIEWED, APPROVED, REJECTED or CHANGED_AFTER_APPROVAL (repeatable)")
    public List<String> approval;

    @QueryParam("needs_review")
    @Parameter(description = "Only days that do (true) or do not (false) use a SUSPECT or ungraded input")
    public Boolean needsReview;

    /** The SQL condition (starting with "where") over v_removal_day; adds its parameters to {@code params}. */
    public String where(List<Object> params) {
        List<String> c = new ArrayList<>();
        if (plant != null && !plant.isBlank()) {
            c.add("plant = ?");
            params.add(plant);
        }
        if (from != null && to != null) {
            requireOrdered(from, to);
        }
        if (from != null) {
            c.add("day >= ?");
            params.add(from);
        }
        if (to != null) {
            c.add("day <= ?");
            params.add(to);
        }
        if (flag != null && !flag.isEmpty()) {
            for (String f : flag) {
                try {
                    RemovalFlag.valueOf(f);
                } catch (IllegalArgumentException e) {
                    throw bad("flag", "unknown flag '" + f + "'");
                }
            }
            c.add("flag = any (?)");
            params.add(flag.toArray(new String[0]));
        }
        if (approval != null && !approval.isEmpty()) {
            for (String a : approval) {
                if (!APPROVAL_STATES.contains(a)) {
                    throw bad("approval", "unknown approval state '" + a + "'");
                }
            }
            c.add("approval_state = any (?)");
            params.add(approval.toArray(new String[0]));
        }
        if (needsReview != null) {
            c.add("needs_review = ?");
            params.add(needsReview);
        }
        return c.isEmpty() ? "" : " where " + String.join(" and ", c);
    }

    /** A day range whose start is after its end is a 400 naming {@code from}. */
    static void requireOrdered(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw bad("from", "must not be after 'to'");
        }
    }

    static Problem bad(String field, String message) {
        return Problem.status(Response.Status.BAD_REQUEST).title("Invalid request")
                .detail(field + ": " + message)
                .with("violations", List.of(Map.of("field", field, "message", message))).build();
    }
}
