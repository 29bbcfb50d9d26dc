package org.carbonmrv.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and tuning of the ingest-service; every key can be set by environment (e.g. INGEST_MAX_UPLOAD_BYTES). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Largest accepted file part in bytes; larger uploads get 413. */
    @WithDefault("209715200")
    long maxUploadBytes();

    /** How many row-level errors a 422 answer lists (all are counted). */
    @WithDefault("50")
    int maxErrorsReported();

    /** How many row-level warnings an upload keeps (all are counted). */
    @WithDefault("200")
    int maxWarningsKept();

    /** Longest single CSV field, in characters. */
    @WithDefault("65536")
    int maxCsvFieldChars();

    /** Where files are kept while they are received and parsed (deleted after each request). */
    @WithDefault("${java.io.tmpdir}/carbon-mrv-uploads")
    java.nio.file.Path uploadsDirectory();

    /**
     * How long a CSV parse started at the file's first bytes waits for the rest. A file arriving more slowly is
     * parsed again once complete, so that a slow sender does not hold a transaction open indefinitely.
     */
    @WithDefault("2M")
    java.time.Duration uploadReceiveWait();

    /** Longest the parse of a complete file may take (its transaction's timeout, beyond the receive wait). */
    @WithDefault("5M")
    java.time.Duration parseTimeout();

    /** Size of the chunks the original bytes are stored in. */
    @WithDefault("1048576")
    int blobChunkBytes();

    /**
     * Memory for answers kept per plant revision (plant-days of readings, about 0.3 MB a sensor-day): a plant-day
     * asked again while nothing of the plant changed is answered from it.
     */
    @WithDefault("32")
    int readCacheMb();

    Workbook workbook();

    interface Workbook {
        /** Rows a workbook sheet may have before it is refused as unsafe. */
        @WithDefault("100000")
        int maxRows();

        /** Columns a workbook sheet may have. */
        @WithDefault("2000")
        int maxColumns();

        /** Smallest compressed/uncompressed ratio of an .xlsx entry (zip-bomb guard). */
        @WithDefault("0.01")
        double minInflateRatio();

        /** Largest uncompressed size of one .xlsx entry, in bytes. */
        @WithDefault("524288000")
        long maxEntryBytes();
    }
}
