package org.carbonmrv.qaqc.grades;

import java.time.LocalDate;

import org.carbonmrv.common.vocabulary.QartodFlag;
import org.carbonmrv.common.vocabulary.RecordType;

/** Which current grades a read wants: each member null for "any"; days inclusive, in the plant's local calendar. */
public record GradeQuery(String plant, RecordType recordType, String parameter, LocalDate from, LocalDate to,
        QartodFlag flag) {
}
