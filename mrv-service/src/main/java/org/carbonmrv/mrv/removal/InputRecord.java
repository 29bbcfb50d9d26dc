package org.carbonmrv.mrv.removal;

import java.util.List;

import org.carbonmrv.common.vocabulary.QartodFlag;

/**
 * One ingested record a figure considered, as read from ingest's and qaqc's views: where it came from (upload,
 * file, sheet, row), its value and its current qaqc flag (override applied; null when not graded yet).
 *
 * @param role {@code ops}, {@code ca_upstream} or {@code ca_downstream}
 */
public record InputRecord(String role, String recordType, long recordId, long uploadId, String fileName,
        String sheet, int row, String uniqueId, Double value, Double uncertainty, Double bypassFlowMgd, Integer flag,
        Integer autoFlag, Long overrideId, Integer qaqcConfigVersion, List<String> qaqcReasons, Reported reported) {

    /**
     * The value as the file stated it (before conversion to the canonical unit), and a lab's censoring: {@code <} or
     * {@code >} with the limit (in the canonical unit) when it reported a bound instead of a value.
     */
    public record Reported(Double originalValue, String originalUnit, String censoring, Double detectionLimit) {
        public static final Reported NONE = new Reported(null, null, null, null);

        public boolean isCensored() {
            return censoring != null;
        }
    }

    /** An input without its original value and unit (as earlier releases read them). */
    public InputRecord(String role, String recordType, long recordId, long uploadId, String fileName, String sheet,
            int row, String uniqueId, Double value, Double uncertainty, Double bypassFlowMgd, Integer flag,
            Integer autoFlag, Long overrideId, Integer qaqcConfigVersion, List<String> qaqcReasons) {
        this(role, recordType, recordId, uploadId, fileName, sheet, row, uniqueId, value, uncertainty, bypassFlowMgd,
                flag, autoFlag, overrideId, qaqcConfigVersion, qaqcReasons, Reported.NONE);
    }

    /** This record with its current qaqc flag. */
    public InputRecord withFlag(Integer flag, Integer autoFlag, Long overrideId, Integer qaqcConfigVersion,
            List<String> qaqcReasons) {
        return new InputRecord(role, recordType, recordId, uploadId, fileName, sheet, row, uniqueId, value,
                uncertainty, bypassFlowMgd, flag, autoFlag, overrideId, qaqcConfigVersion, qaqcReasons, reported);
    }

    /** The current flag as a QARTOD flag; empty when not graded yet. */
    public java.util.Optional<QartodFlag> qartodFlag() {
        return flag == null ? java.util.Optional.empty() : java.util.Optional.of(QartodFlag.of(flag));
    }

    /** FAIL and MISSING inputs are excluded; anything else (including ungraded) is used. */
    public boolean usable() {
        return value != null && !Double.isNaN(value) && !excludedByFlag();
    }

    /** Graded FAIL or MISSING (override applied). */
    public boolean excludedByFlag() {
        return qartodFlag().map(QartodFlag::excludes).orElse(false);
    }

    /** A used input that a reviewer should look at: SUSPECT, NOT_EVALUATED or not graded yet. */
    public boolean needsReview() {
        return qartodFlag().map(QartodFlag::needsReview).orElse(true);
    }

    public String flagName() {
        return qartodFlag().map(Enum::name).orElse("NOT_GRADED");
    }
}
