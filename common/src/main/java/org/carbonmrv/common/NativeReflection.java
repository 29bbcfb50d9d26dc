package org.carbonmrv.common;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes that configuration names but no code references, so native-image's analysis cannot find them: Quarkus
 * loads {@code quarkus.jackson.property-naming-strategy} by class name at start-up.
 */
@RegisterForReflection(targets = PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class NativeReflection {

    private NativeReflection() {
    }
}
