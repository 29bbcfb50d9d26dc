package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Everything one plant-day's figure is computed from: its current operations record and its calcium readings. */
public final class DayInputs {

    public final String plant;
    public final LocalDate day;
    public InputRecord ops;
    public final List<InputRecord> lab = new ArrayList<>();
    /** The plant's registry entry (points, meter uncertainty); null: the methodology's defaults. */
    public org.carbonmrv.mrv.plant.PlantSettings settings;

    public DayInputs(String plant, LocalDate day) {
        this.plant = plant;
        this.day = day;
    }
}
