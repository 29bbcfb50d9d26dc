package org.carbonmrv.qaqc.override;

import java.time.LocalDateTime;
import java.util.List;

import org.carbonmrv.common.vocabulary.QartodFlag;
import org.carbonmrv.common.vocabulary.RecordType;

/**
 * What a reviewer overrides: records by type and id, or a plant's records (of one parameter, or all) in a local time
 * range; the flag they get and why.
 */
public record NewOverride(RecordType recordType, List<Long> recordIds, String plant, String parameter,
        LocalDateTime from, LocalDateTime to, QartodFlag flag, String reason) {

    public boolean byIds() {
        return recordIds != null && !recordIds.isEmpty();
    }
}
