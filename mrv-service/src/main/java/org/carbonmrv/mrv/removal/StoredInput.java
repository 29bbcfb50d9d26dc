package org.carbonmrv.mrv.removal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One input of a stored figure's lineage, as read back: where it came from, its value (and as the file stated it),
 * the uncertainty it was given, its qaqc flag, whether it was used and why not.
 */
@RegisterForReflection
public record StoredInput(String role, String recordType, long recordId, long uploadId, String fileName, String sheet,
        Integer row, String uniqueId, Double value, Double bypassFlowMgd, Double uncertaintyMgPerL,
        Double uUsedMgPerL, Integer qaqcFlag, String qaqcFlagName, Integer qaqcAutoFlag, Long qaqcOverrideId,
        Integer qaqcConfigVersion, List<String> qaqcReasons, boolean used, String excludedBecause, Double valueUsed,
        Double originalValue, String originalUnit, String censoring, Double detectionLimit) {

    public boolean isOps() {
        return "ops".equals(role);
    }

    /**
     * The API's form: an object with the keys that apply to the input's kind (ops: bypass flow; calcium:
     * uncertainties; a unique id, the file's own value and unit, a censored value's bound where given), as every
     * release has given them.
     */
    @JsonValue
    public Map<String, Object> apiForm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("record_type", recordType);
        m.put("record_id", recordId);
        m.put("upload_id", uploadId);
        m.put("file_name", fileName);
        m.put("sheet", sheet);
        m.put("row", row);
        putGiven(m, "unique_id", uniqueId);
        m.put("value", value);
        if (isOps()) {
            m.put("bypass_flow_mgd", bypassFlowMgd);
        } else {
            m.put("uncertainty_mg_per_l", uncertaintyMgPerL);
            m.put("u_used_mg_per_l", uUsedMgPerL);
        }
        m.put("qaqc_flag", qaqcFlag);
        m.put("qaqc_flag_name", qaqcFlagName);
        m.put("qaqc_auto_flag", qaqcAutoFlag);
        m.put("qaqc_override_id", qaqcOverrideId);
        m.put("qaqc_config_version", qaqcConfigVersion);
        m.put("qaqc_reasons", qaqcReasons);
        m.put("used", used);
        m.put("excluded_because", excludedBecause);
        putGiven(m, "value_used", valueUsed);
        putGiven(m, "original_value", originalValue);
        putGiven(m, "original_unit", originalUnit);
        putGiven(m, "censoring", censoring);
        putGiven(m, "detection_limit", detectionLimit);
        return m;
    }

    private static void putGiven(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
