package org.carbonmrv.ingest.persistence;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.SchemaAtStart;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service's start migrated its schema through common/schema (the checks: {@link SchemaAtStart}). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SchemaAtStartTest extends SchemaAtStart {

    SchemaAtStartTest() {
        super("ingest");
    }
}
