package org.carbonmrv.mrv;

import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SchemaAtStart;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service's start migrated its schema through common/schema (the checks: {@link SchemaAtStart}). */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class SchemaAtStartTest extends SchemaAtStart {

    SchemaAtStartTest() {
        super("mrv");
    }
}
