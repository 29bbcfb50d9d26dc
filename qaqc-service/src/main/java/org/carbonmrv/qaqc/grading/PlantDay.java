package org.carbonmrv.qaqc.grading;

import java.time.LocalDate;

/** A plant's local calendar day: what grade events name. */
public record PlantDay(String plant, LocalDate day) implements Comparable<PlantDay> {

    @Override
    public int compareTo(PlantDay o) {
        int p = plant.compareTo(o.plant);
        return p != 0 ? p : day.compareTo(o.day);
    }
}
