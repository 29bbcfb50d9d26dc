package org.carbonmrv.ingest.persistence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Ids of sensor series (plant, sensor, point, unit), created on first sight. Creation runs in its own short
 * transaction on another connection, because the upload's connection is busy with a COPY; a series left behind by
 * a rejected upload is harmless (it has no readings).
 */
@ApplicationScoped
public class SensorSeriesStore {

    private final EntityManager em;
    private final Map<List<String>, Integer> cache = new ConcurrentHashMap<>();

    public SensorSeriesStore(EntityManager em) {
        this.em = em;
    }

    public int idOf(String plant, String sensorId, String point, String unit) {
        List<String> key = java.util.Arrays.asList(plant, sensorId, point, unit);
        Integer id = cache.get(key);
        if (id == null) {
            id = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("insert into ingest.sensor_series (plant, sensor_id, point, unit) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing").setParameter(1, plant)
                        .setParameter(2, sensorId).setParameter(3, point).setParameter(4, unit).executeUpdate();
                return ((Number) em.createNativeQuery("select id from ingest.sensor_series where plant = ?1 and "
                        + "sensor_id = ?2 and point is not distinct from ?3 and unit is not distinct from ?4")
                        .setParameter(1, plant).setParameter(2, sensorId).setParameter(3, point)
                        .setParameter(4, unit).getSingleResult()).intValue();
            });
            cache.put(key, id);
        }
        return id;
    }
}
