package org.carbonmrv.common;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;

/**
 * Keys of the work a log line belongs to (request id, upload id, job id, plant…), put into the logging context for
 * the lines written inside the scope and removed after: the JSON log carries them in its {@code mdc} object.
 */
public final class LogContext implements AutoCloseable {

    private final List<String> keys = new ArrayList<>();

    private LogContext() {
    }

    /** @param keyValues key, value, key, value…; a null value leaves its key out */
    public static LogContext with(Object... keyValues) {
        LogContext scope = new LogContext();
        scope.and(keyValues);
        return scope;
    }

    /** Adds keys to this scope (a value known only part-way through the work, such as the upload's id). */
    public LogContext and(Object... keyValues) {
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                String key = String.valueOf(keyValues[i]);
                MDC.put(key, String.valueOf(keyValues[i + 1]));
                keys.add(key);
            }
        }
        return this;
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
