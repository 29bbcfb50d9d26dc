package org.carbonmrv.mrv.removal;

import java.util.List;

/**
 * One ingested record a figure considered, as read from ingest's and qaqc's views: where it came from (upload,
 * file, sheet, row), its value and its current qaqc flag (override applied; null when not graded yet).
 *
 * @param role {@code ops}, {@code ca_upstream} or {@code ca_downstream}
 */
public record InputRecord(String role, String recordType, long recordId, long uploadId, String fileName,
        String sheet, int row, String uniqueId, Double value, Double uncertainty, Double bypassFlowMgd, Integer flag,
        Integer autoFlag, Long overrideId, Integer qaqcConfigVersion, List<String> qaqcReasons) {

    /** This record with its current qaqc flag. */
    public InputRecord withFlag(Integer flag, Integer autoFlag, Long overrideId, Integer qaqcConfigVersion,
            List<String> qaqcReasons) {
        return new InputRecord(role, recordType, recordId, uploadId, fileName, sheet, row, uniqueId, value,
                uncertainty, bypassFlowMgd, flag, autoFlag, overrideId, qaqcConfigVersion, qaqcReasons);
    }

    /** FAIL and MISSING inputs are excluded; anything else (including ungraded) is used. */
    public boolean usable() {
        return value != null && !Double.isNaN(value) && (flag == null || (flag != 4 && flag != 9));
    }

    /** A used input that a reviewer should look at: SUSPECT, NOT_EVALUATED or not graded yet. */
    public boolean needsReview() {
        return flag == null || flag == 2 || flag == 3;
    }

    public String flagName() {
        if (flag == null) {
            return "NOT_GRADED";
        }
        return switch (flag) {
            case 1 -> "GOOD";
            case 2 -> "NOT_EVALUATED";
            case 3 -> "SUSPECT";
            case 4 -> "FAIL";
            case 9 -> "MISSING";
            default -> "UNKNOWN_" + flag;
        };
    }
}
