package org.carbonmrv.mrv.plant;

import java.time.ZoneId;

/**
 * What a plant's registry entry (ingest's {@code v_plant}) says for its figures: which sampling points are upstream
 * and downstream, the effluent flow meter's relative standard uncertainty, its zone. A plant not in the registry (data
 * stored before it existed) has the methodology's defaults and no version.
 *
 * @param version             the registry version read, null for defaults
 * @param flowRelative        u(Q)/Q of the effluent flow meter
 */
public record PlantSettings(String plant, Integer version, String displayName, ZoneId zone, String upstreamPoint,
        String downstreamPoint, double flowRelative) {

    public boolean isRegistered() {
        return version != null;
    }
}
