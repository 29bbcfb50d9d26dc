package org.carbonmrv.ingest.persistence;

import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.parse.ParseProblem;
import org.carbonmrv.ingest.plant.PlantDefinition;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson writes into (and reads from) JSON columns by hand, not as a REST answer: native-image's analysis does
 * not see that Jackson reflects on them, so they are registered here (an unregistered one fails at run time with
 * "No serializer found").
 */
@RegisterForReflection(targets = {PlantDefinition.FlowMeter.class, LayoutDefinition.class,
        LayoutDefinition.Detect.class, LayoutDefinition.Header.class, LayoutDefinition.CellRef.class,
        ParseProblem.class},
        classNames = "org.carbonmrv.ingest.parse.RecordSink$Original")
final class JsonColumnTypes {

    private JsonColumnTypes() {
    }
}
