package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

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

    /** A test's outcome: the flag and, when not GOOD, why. */
    public record Verdict(QartodFlag flag, String reason) {
        static final Verdict GOOD = new Verdict(QartodFlag.GOOD, null);
    }

    /** QARTOD gross range: outside the physical span FAIL, outside the operational span SUSPECT. */
    public Verdict range(double value, String unit) {
        Double pMin = number("physical_min");
        Double pMax = number("physical_max");
        Double oMin = number("operational_min");
        Double oMax = number("operational_max");
        if (pMin == null && pMax == null && oMin == null && oMax == null) {
            return new Verdict(QartodFlag.NOT_EVALUATED, "no range configured");
        } else if (pMin != null && value < pMin || pMax != null && value > pMax) {
            return new Verdict(QartodFlag.FAIL, withUnit(value, unit) + " outside the physical range [" + pMin + ", " + pMax
                    + "]");
        } else if (oMin != null && value < oMin || oMax != null && value > oMax) {
            return new Verdict(QartodFlag.SUSPECT, withUnit(value, unit) + " outside the operational range [" + oMin + ", "
                    + oMax + "]");
        }
        return Verdict.GOOD; // the hot path: no allocation
    }

    private static String withUnit(double value, String unit) {
        return value + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    public void grossRange(RecordGrade g, double value, String unit) {
        Verdict v = range(value, unit);
        g.test("gross_range", v.flag(), v.reason());
    }
}
