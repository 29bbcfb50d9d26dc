package org.carbonmrv.ingest.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values of ingest's {@code jsonb} columns, written and read with the service's own mapper (snake_case, as the API
 * shows them). A value that cannot be written, or a stored one that is not what its column holds, is a failure.
 */
@ApplicationScoped
public class JsonColumns {

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A column's value as {@code type}; SQL null stays null. */
    public <T> T read(String text, TypeReference<T> type) {
        return read(text, json.getTypeFactory().constructType(type));
    }

    /** A column's value as {@code type}; SQL null stays null. */
    public <T> T read(String text, Class<T> type) {
        return read(text, json.getTypeFactory().constructType(type));
    }

    private <T> T read(String text, JavaType type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON value is not a " + type.toCanonical() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
