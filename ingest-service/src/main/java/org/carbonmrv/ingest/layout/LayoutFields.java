package org.carbonmrv.ingest.layout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.carbonmrv.common.units.Quantity;
import org.carbonmrv.common.vocabulary.RecordType;

/**
 * The fields a layout may map, per record type, and which of them are quantities (and so need a unit). An ops
 * field's quantity is fixed (flows, bypass hours); a lab or sensor value's is that of its unit (mg/L, pH).
 */
public final class LayoutFields {

    /** Marker unit spec: each row's {@code unit} column states the unit of the field. */
    public static final String PER_ROW = "per_row";

    /** A field: whether it is a quantity and, when fixed, which. */
    public record Field(String name, boolean quantity, Optional<Quantity> fixed) {
    }

    private static final Map<RecordType, Map<String, Field>> FIELDS = Map.of(
            RecordType.OPS, fields(
                    quantity("effluent_flow_mgd", Quantity.VOLUMETRIC_FLOW),
                    quantity("effluent_flow_max_mgd", Quantity.VOLUMETRIC_FLOW),
                    quantity("effluent_flow_min_mgd", Quantity.VOLUMETRIC_FLOW),
                    quantity("influent_flow_mgd", Quantity.VOLUMETRIC_FLOW),
                    quantity("bypass_flow_mgd", Quantity.VOLUMETRIC_FLOW),
                    quantity("bypass_hours", Quantity.DURATION)),
            RecordType.LAB, fields(text("plant"), text("sample_date"), text("unique_id"), text("point"),
                    text("parameter"), text("unit"), text("replicate"), quantity("value"), quantity("uncertainty"),
                    quantity("detection_limit")),
            RecordType.SENSOR, fields(text("timestamp"), text("sensor"), text("point"), text("plant"), text("unit"),
                    quantity("value")));

    private LayoutFields() {
    }

    private static Field text(String name) {
        return new Field(name, false, Optional.empty());
    }

    private static Field quantity(String name) {
        return new Field(name, true, Optional.empty());
    }

    private static Field quantity(String name, Quantity q) {
        return new Field(name, true, Optional.of(q));
    }

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.put(f.name(), f);
        }
        return m;
    }

    public static Map<String, Field> of(RecordType type) {
        return FIELDS.get(type);
    }

    /** The ops fields that hold a quantity in the record (every ops field does). */
    public static Iterable<String> opsQuantities() {
        return FIELDS.get(RecordType.OPS).keySet();
    }
}
