package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The grade of one record in one grading: every test's flag and, for the non-GOOD ones, why. */
public final class RecordGrade {

    public final String recordType;
    public final long recordId;
    public final String plant;
    public final String parameter;
    public final LocalDateTime ts;
    final List<String> tests = new ArrayList<>(8);
    final List<QartodFlag> flags = new ArrayList<>(8);
    final List<String> reasons = new ArrayList<>(2);
    private QartodFlag flag = QartodFlag.GOOD;

    public RecordGrade(String recordType, long recordId, String plant, String parameter, LocalDateTime ts) {
        this.recordType = recordType;
        this.recordId = recordId;
        this.plant = plant;
        this.parameter = parameter;
        this.ts = ts;
    }

    public RecordGrade test(String name, QartodFlag f, String reason) {
        tests.add(name);
        flags.add(f);
        if (f != QartodFlag.GOOD || reason != null) {
            reasons.add(name + ": " + (reason == null ? f.name() : reason));
        }
        flag = QartodFlag.worst(flag, f);
        return this;
    }

    public RecordGrade good(String name) {
        return test(name, QartodFlag.GOOD, null);
    }

    public QartodFlag flag() {
        return flag;
    }

    /** The flag a given test gave, or null when it did not run. */
    public QartodFlag flagOf(String test) {
        int i = tests.indexOf(test);
        return i < 0 ? null : flags.get(i);
    }
}
