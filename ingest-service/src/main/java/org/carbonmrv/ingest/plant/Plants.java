package org.carbonmrv.ingest.plant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry as one upload sees it: which plants exist, in which zone, over which period. */
public final class Plants {

    private final Map<String, PlantVersion> byName;

    public Plants(List<PlantVersion> current) {
        this.byName = current.stream().collect(Collectors.toMap(PlantVersion::plant, Function.identity()));
    }

    public Optional<PlantVersion> find(String plant) {
        return Optional.ofNullable(byName.get(plant));
    }

    /** Why a plant named by a file or a request cannot be used: it is not registered. */
    public static String notRegistered(String plant) {
        return "plant '" + plant + "' is not registered: register it first with PUT /api/v1/plants/" + plant
                + " (display_name, time_zone, sampling_points), then upload again";
    }
}
