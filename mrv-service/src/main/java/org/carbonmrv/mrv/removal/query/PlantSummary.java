package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A plant with figures: its first and last day, how many days, how many VALID. */
@RegisterForReflection
public record PlantSummary(String plant, LocalDate firstDay, LocalDate lastDay, long days, long validDays) {
}
