package org.carbonmrv.mrv.version;

import java.time.LocalDate;

/** The identity of a daily figure (without its version). */
public record PlantDay(String plant, LocalDate day) implements Comparable<PlantDay> {

    @Override
    public int compareTo(PlantDay o) {
        int p = plant.compareTo(o.plant);
        return p != 0 ? p : day.compareTo(o.day);
    }
}
