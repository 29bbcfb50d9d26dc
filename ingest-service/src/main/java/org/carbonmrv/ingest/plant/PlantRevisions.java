package org.carbonmrv.ingest.plant;

import jakarta.inject.Singleton;

import org.carbonmrv.common.cache.PlantRevisionTable;

import io.agroal.api.AgroalDataSource;

/** A plant's revision in ingest: moved by every upload event, plant version and sensor calibration (migration V12). */
@Singleton
public class PlantRevisions extends PlantRevisionTable {

    public PlantRevisions(AgroalDataSource dataSource) {
        super(dataSource, "ingest");
    }
}
