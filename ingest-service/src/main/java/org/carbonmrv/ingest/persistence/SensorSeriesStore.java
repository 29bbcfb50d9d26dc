package org.carbonmrv.ingest.persistence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Ids of sensor series (plant, sensor, point, unit), created on first sight. Creation runs in its own short
 * transaction on another connection, because the upload's connection is busy with a COPY; a series left behind by
 * a rejected upload is harmless (it has no readings).
 */
@ApplicationScoped
public class SensorSeriesStore {

    private final AgroalDataSource dataSource;
    private final Map<List<String>, Integer> cache = new ConcurrentHashMap<>();

    public SensorSeriesStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int idOf(String plant, String sensorId, String point, String unit) {
        List<String> key = java.util.Arrays.asList(plant, sensorId, point, unit);
        Integer id = cache.get(key);
        if (id == null) {
            id = QuarkusTransaction.requiringNew().call(() -> {
                Jdbc.update(dataSource, "insert into ingest.sensor_series (plant, sensor_id, point, unit) "
                        + "values (?, ?, ?, ?) on conflict do nothing", plant, sensorId, point, unit);
                return Jdbc.list(dataSource, "select id from ingest.sensor_series where plant = ? and sensor_id = ? "
                        + "and point is not distinct from cast(? as text) and unit is not distinct from cast(? as text)",
                        rs -> rs.getInt(1), plant, sensorId, point, unit).get(0);
            });
            cache.put(key, id);
        }
        return id;
    }
}
