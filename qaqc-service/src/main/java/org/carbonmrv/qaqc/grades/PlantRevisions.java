package org.carbonmrv.qaqc.grades;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import io.agroal.api.AgroalDataSource;

/**
 * A plant's revision ({@code qaqc.plant_revision}): moved by the database at the commit of every change to the
 * plant's grades (a grade event's trigger, migration V13), so that an answer read after it stays current while it
 * does not move.
 */
@ApplicationScoped
public class PlantRevisions {

    private final AgroalDataSource dataSource;

    public PlantRevisions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The plant's committed revision now; 0 for a plant never graded. */
    public long current(String plant) {
        return Jdbc.count(dataSource, "select coalesce((select revision from qaqc.plant_revision where plant = ?), 0)",
                plant);
    }
}
