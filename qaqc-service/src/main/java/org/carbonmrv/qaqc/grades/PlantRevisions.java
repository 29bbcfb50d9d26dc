package org.carbonmrv.qaqc.grades;

import jakarta.inject.Singleton;

import org.carbonmrv.common.cache.PlantRevisionTable;

import io.agroal.api.AgroalDataSource;

/** A plant's revision in qaqc: moved by every grade event of the plant (migration V13). */
@Singleton
public class PlantRevisions extends PlantRevisionTable {

    public PlantRevisions(AgroalDataSource dataSource) {
        super(dataSource, "qaqc");
    }
}
