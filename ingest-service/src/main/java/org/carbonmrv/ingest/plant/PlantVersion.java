package org.carbonmrv.ingest.plant;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One stored version of a plant's registry entry: who made it, when, why. Never changed: a change is a new version. */
@RegisterForReflection
public record PlantVersion(String plant, int version, PlantDefinition definition, String comment,
        String createdBy, OffsetDateTime createdAt) {

    public ZoneId zone() {
        return ZoneId.of(definition.timeZone());
    }

    /** Why a record of this day cannot belong to the plant, or null when it can. */
    public String outsideActivePeriod(LocalDate day) {
        LocalDate from = definition.activeFrom();
        LocalDate to = definition.activeTo();
        if (from != null && day.isBefore(from)) {
            return day + " is before " + plant + "'s active period (from " + from + ")";
        }
        if (to != null && day.isAfter(to)) {
            return day + " is after " + plant + "'s active period (to " + to + ")";
        }
        return null;
    }
}
