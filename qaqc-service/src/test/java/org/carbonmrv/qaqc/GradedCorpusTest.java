package org.carbonmrv.qaqc;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.qaqc.queue.GradingWorker;
import org.junit.jupiter.api.BeforeEach;

import io.agroal.api.AgroalDataSource;

/** A test class that starts every test with the sample corpus uploaded and graded, and reads the database. */
abstract class GradedCorpusTest {

    @Inject
    GradingWorker worker;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void corpusGraded() {
        SampleCorpus.uploadAll();
        worker.drain();
    }
}
