package org.carbonmrv.common.cache;

import javax.sql.DataSource;

import org.carbonmrv.common.Jdbc;

/**
 * A service's {@code <schema>.plant_revision} table: one row per plant, moved by the database at the commit of every
 * change to what the service publishes about the plant (the service's deferred triggers), so that an answer read after
 * it stays current while it does not move. Each service's bean names its own schema (a singleton: no client proxy
 * to construct).
 */
public abstract class PlantRevisionTable {

    private final DataSource dataSource;
    private final String currentSql;

    protected PlantRevisionTable(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.currentSql = "select coalesce((select revision from " + schema + ".plant_revision where plant = ?), 0)";
    }

    /** The plant's committed revision now; 0 for a plant never changed. */
    public long current(String plant) {
        return Jdbc.count(dataSource, currentSql, plant);
    }
}
