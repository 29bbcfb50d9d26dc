package org.carbonmrv.qaqc.grading;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A point inside a grading job, after its grades are written and before it is marked done: nothing happens there in
 * production; a test replaces this bean to make a job fail at exactly that point (a crash between the two writes).
 */
@ApplicationScoped
public class GradingCheckpoint {

    public void afterGradesWritten(long jobId) {
        // no-op
    }
}
