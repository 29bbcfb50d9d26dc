package org.carbonmrv.mrv.plant;

/**
 * What a plant without a registry entry is computed with (the methodology's defaults): its sampling points and the
 * effluent flow meter's relative standard uncertainty.
 */
public record PlantDefaults(String upstreamPoint, String downstreamPoint, double flowRelative) {
}
