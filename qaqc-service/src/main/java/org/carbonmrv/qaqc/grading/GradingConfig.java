package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of the grading configuration: thresholds per record type ({@code sensor}, {@code lab}, {@code ops})
 * and parameter, with per-plant overrides under {@code plants.<PLANT>.<type>.<parameter or sensor id>}.
 */
public final class GradingConfig {

    private static final Set<String> TYPES = Set.of("sensor", "lab", "ops");
    private static final Set<String> TEXT_KEYS = Set.of("upstream_point", "downstream_point");
    private static final String[][] ORDERED = {{"physical_min", "physical_max"}, {"operational_min", "operational_max"},
            {"physical_min", "operational_min"}, {"operational_max", "physical_max"}, {"spike_suspect", "spike_fail"},
            {"flat_line_suspect_minutes", "flat_line_fail_minutes"},
            {"replicate_spread_suspect", "replicate_spread_fail"}, {"rerun_difference_suspect", "rerun_difference_fail"}};

    public final int version;
    private final Map<String, Object> config;

    public GradingConfig(int version, Map<String, Object> config) {
        this.version = version;
        this.config = config;
    }

    public Map<String, Object> asMap() {
        return config;
    }

    /**
     * Thresholds for a record: the type's entry for {@code parameter}, then for {@code specific} (a sensor id),
     * then the plant's overrides of each, later ones winning key by key.
     */
    public Thresholds thresholds(String type, String plant, String parameter, String specific) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> byType = map(config.get(type));
        out.putAll(map(byType.get(parameter)));
        if (specific != null) {
            out.putAll(map(byType.get(specific)));
        }
        Map<String, Object> plantType = map(map(map(config.get("plants")).get(plant)).get(type));
        out.putAll(map(plantType.get(parameter)));
        if (specific != null) {
            out.putAll(map(plantType.get(specific)));
        }
        return new Thresholds(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Problems of a proposed configuration, each naming its field; empty when valid. */
    public static List<String[]> validate(Map<String, Object> config) {
        List<String[]> problems = new ArrayList<>();
        if (config == null || config.isEmpty()) {
            problems.add(new String[] {"config", "must not be empty"});
            return problems;
        }
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (e.getKey().equals("plants")) {
                if (!(e.getValue() instanceof Map<?, ?>)) {
                    problems.add(new String[] {"plants", "must be an object"});
                    continue;
                }
                map(e.getValue()).forEach((plant, types) -> {
                    if (!(types instanceof Map<?, ?>)) {
                        problems.add(new String[] {"plants." + plant, "must be an object"});
                        return;
                    }
                    map(types).forEach((type, params) -> validateType("plants." + plant + "." + type, type, params,
                            problems));
                });
            } else {
                validateType(e.getKey(), e.getKey(), e.getValue(), problems);
            }
        }
        return problems;
    }

    private static void validateType(String path, String type, Object params, List<String[]> problems) {
        if (!TYPES.contains(type)) {
            problems.add(new String[] {path, "unknown record type (sensor, lab, ops)"});
            return;
        }
        if (!(params instanceof Map<?, ?>)) {
            problems.add(new String[] {path, "must be an object of parameters"});
            return;
        }
        map(params).forEach((param, thresholds) -> {
            String p = path + "." + param;
            if (!(thresholds instanceof Map<?, ?>)) {
                problems.add(new String[] {p, "must be an object of thresholds"});
                return;
            }
            Map<String, Object> t = map(thresholds);
            t.forEach((k, v) -> {
                if (TEXT_KEYS.contains(k)) {
                    if (!(v instanceof String s) || s.isBlank()) {
                        problems.add(new String[] {p + "." + k, "must be a non-empty text"});
                    }
                } else if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    problems.add(new String[] {p + "." + k, "must be a finite number"});
                } else if (k.endsWith("_minutes") || k.startsWith("spike") || k.startsWith("replicate")
                        || k.startsWith("rerun") || k.startsWith("rate") || k.endsWith("tolerance")) {
                    if (n.doubleValue() < 0) {
                        problems.add(new String[] {p + "." + k, "must not be negative"});
                    }
                } else if (k.endsWith("_pct") && (n.doubleValue() < 0 || n.doubleValue() > 100)) {
                    problems.add(new String[] {p + "." + k, "must be a percentage (0 to 100)"});
                } else if (k.endsWith("_flag")) {
                    try {
                        QartodFlag.of(n.intValue());
                    } catch (IllegalArgumentException ex) {
                        problems.add(new String[] {p + "." + k, ex.getMessage()});
                    }
                }
            });
            for (String[] pair : ORDERED) {
                if (t.get(pair[0]) instanceof Number a && t.get(pair[1]) instanceof Number b
                        && a.doubleValue() > b.doubleValue()) {
                    problems.add(new String[] {p + "." + pair[0], "must not exceed " + pair[1] + " (" + a + " > "
                            + b + ")"});
                }
            }
            if (t.get("expected_interval_minutes") instanceof Number n && n.doubleValue() <= 0) {
                problems.add(new String[] {p + ".expected_interval_minutes", "must be positive"});
            }
        });
    }
}
