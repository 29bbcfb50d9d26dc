package org.carbonmrv.ingest.parse;

import java.time.ZoneId;
import java.util.Optional;

import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.plant.PlantVersion;
import org.carbonmrv.ingest.plant.Plants;

/**
 * What a parse needs besides the bytes: the layout, the plant the upload names (null when the file names its own) and
 * the registry, which says whether a plant exists, its zone and its active period.
 */
public record ParseContext(LayoutProfile profile, String givenPlant, Plants plants) {

    /** A plant's registry entry; a row naming a plant without one is refused. */
    public Optional<PlantVersion> plant(String plant) {
        return plants.find(plant);
    }

    /** The zone of the plant's local times (days, generation times, sensor timestamps). */
    public ZoneId zoneOf(String plant) {
        return plants.find(plant).map(PlantVersion::zone).orElseThrow();
    }
}
