package org.carbonmrv.qaqc.grading;

import java.util.Map;

/** The thresholds that apply to one (record type, plant, parameter): defaults merged with plant overrides. */
public record Thresholds(Map<String, Object> values) {

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Double number(String key) {
        Object v = values.get(key);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    public double number(String key, double fallback) {
        Double v = number(key);
        return v == null ? fallback : v;
    }

    public String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    /** QARTOD gross range: outside the physical span FAIL, outside the operational span SUSPECT. */
    public void grossRange(RecordGrade g, double value, String unit) {
        Double pMin = number("physical_min");
        Double pMax = number("physical_max");
        Double oMin = number("operational_min");
        Double oMax = number("operational_max");
        if (pMin == null && pMax == null && oMin == null && oMax == null) {
            g.test("gross_range", Flag.NOT_EVALUATED, "no range configured for " + g.parameter);
        } else if (pMin != null && value < pMin || pMax != null && value > pMax) {
            g.test("gross_range", Flag.FAIL, value + " " + unit + " outside the physical range [" + pMin + ", "
                    + pMax + "]");
        } else if (oMin != null && value < oMin || oMax != null && value > oMax) {
            g.test("gross_range", Flag.SUSPECT, value + " " + unit + " outside the operational range [" + oMin
                    + ", " + oMax + "]");
        } else {
            g.good("gross_range");
        }
    }
}
