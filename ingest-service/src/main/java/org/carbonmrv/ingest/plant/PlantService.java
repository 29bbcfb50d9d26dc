package org.carbonmrv.ingest.plant;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Audit;
import org.carbonmrv.ingest.sensor.SensorDayStatsRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The plant registry: checked, versioned and audited like layouts. */
@ApplicationScoped
public class PlantService {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final PlantRepository plants;
    private final Audit audit;
    private final SensorDayStatsRepository dayStats;

    public PlantService(PlantRepository plants, Audit audit, SensorDayStatsRepository dayStats) {
        this.plants = plants;
        this.audit = audit;
        this.dayStats = dayStats;
    }

    public List<PlantVersion> current() {
        return plants.current();
    }

    public Optional<PlantVersion> current(String plant) {
        return plants.current(plant);
    }

    public List<PlantVersion> versions(String plant) {
        return plants.versions(plant);
    }

    /** The registry as it stands, for one upload's checks. */
    public Plants snapshot() {
        return new Plants(plants.current());
    }

    /** Stores a new version of a plant after checking what bean validation cannot; audited with it. */
    public PlantVersion save(String plant, PlantDefinition d, String comment) {
        List<Map<String, Object>> problems = problems(d);
        if (!problems.isEmpty()) {
            throw Problem.badRequest("Invalid plant", problems);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            String zoneBefore = plants.current(plant).map(v -> v.zone().getId())
                    .orElse(SensorDayStatsRepository.UNREGISTERED.getId());
            int version = plants.insert(plant, d, comment, audit.subject());
            if (!zoneBefore.equals(d.timeZone().strip())) {
                dayStats.rebuild(plant); // the readings' days are the plant's: in the new zone now
            }
            audit.record("plant.put", "plant " + plant + " v" + version, Map.of("time_zone", d.timeZone(),
                    "upstream", d.samplingPoints().upstream(), "downstream", d.samplingPoints().downstream(),
                    "comment", String.valueOf(comment)));
            return plants.current(plant).orElseThrow();
        });
    }

    static List<Map<String, Object>> problems(PlantDefinition d) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!ZONES.contains(d.timeZone().strip())) {
            out.add(Problem.violation("time_zone", "'" + d.timeZone() + "' is not an IANA time zone (e.g. "
                    + "America/New_York, Europe/Berlin, UTC)"));
        }
        if (d.samplingPoints().upstream().strip().equals(d.samplingPoints().downstream().strip())) {
            out.add(Problem.violation("sampling_points.downstream", "must differ from upstream"));
        }
        if (d.activeFrom() != null && d.activeTo() != null && d.activeFrom().isAfter(d.activeTo())) {
            out.add(Problem.violation("active_from", "must not be after active_to"));
        }
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < d.meters().size(); i++) {
            if (!ids.add(d.meters().get(i).id())) {
                out.add(Problem.violation("flow_meters[" + i + "].id", "'" + d.meters().get(i).id()
                        + "' appears twice"));
            }
        }
        return out;
    }
}
