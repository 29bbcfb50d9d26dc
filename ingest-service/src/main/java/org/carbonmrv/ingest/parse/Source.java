package org.carbonmrv.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of an uploaded file, readable from the start as often as needed (possibly while still arriving). */
@FunctionalInterface
public interface Source {

    InputStream open() throws IOException;

    static Source of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
