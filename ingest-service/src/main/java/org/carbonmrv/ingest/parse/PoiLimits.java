package org.carbonmrv.ingest.parse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.carbonmrv.ingest.config.IngestConfig;

import io.quarkus.runtime.StartupEvent;

/** POI's zip-bomb guards are JVM-wide: set once, at start-up, from the configuration. */
@ApplicationScoped
public class PoiLimits {

    void onStart(@Observes StartupEvent start, IngestConfig config) {
        ZipSecureFile.setMinInflateRatio(config.workbook().minInflateRatio());
        ZipSecureFile.setMaxEntrySize(config.workbook().maxEntryBytes());
    }
}
