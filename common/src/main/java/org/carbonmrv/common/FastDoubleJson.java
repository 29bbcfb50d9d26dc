package org.carbonmrv.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Doubles written as the shortest decimal that reads back to the same double (Schubfach), as Double.toString does
 * from Java 19: Java 17's was the largest single cost of serializing lineage and API answers.
 */
@Singleton
public class FastDoubleJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
