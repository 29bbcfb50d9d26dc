package org.carbonmrv.common.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads typed query, path, header and form parameters so that a value that is not of the type is a 400 naming the
 * parameter and the form expected (JAX-RS answers 404 for a query or path parameter it cannot convert). An empty
 * value of an optional parameter reads as absent.
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    /** A reader of one type and how its form is described to a caller. */
    private record Reader(Function<String, Object> read, String expected) {
    }

    private static final Map<Class<?>, Reader> READERS = Map.ofEntries(
            Map.entry(LocalDate.class, new Reader(LocalDate::parse, "a date, yyyy-MM-dd")),
            Map.entry(LocalDateTime.class, new Reader(LocalDateTime::parse, "a local date-time, yyyy-MM-ddTHH:mm:ss")),
            Map.entry(OffsetDateTime.class, new Reader(OffsetDateTime::parse,
                    "a date-time with offset, yyyy-MM-ddTHH:mm:ssZ or +hh:mm")),
            Map.entry(Instant.class, new Reader(Instant::parse, "an instant, yyyy-MM-ddTHH:mm:ssZ")),
            Map.entry(Integer.class, new Reader(Integer::valueOf, "an integer")),
            Map.entry(int.class, new Reader(Integer::valueOf, "an integer")),
            Map.entry(Long.class, new Reader(Long::valueOf, "an integer")),
            Map.entry(long.class, new Reader(Long::valueOf, "an integer")),
            Map.entry(Short.class, new Reader(Short::valueOf, "a small integer")),
            Map.entry(Double.class, new Reader(TypedParameters::finite, "a number")),
            Map.entry(double.class, new Reader(TypedParameters::finite, "a number")),
            Map.entry(Boolean.class, new Reader(TypedParameters::bool, "true or false")),
            Map.entry(boolean.class, new Reader(TypedParameters::bool, "true or false")));

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Reader reader = rawType.isEnum() ? enumReader(rawType) : READERS.get(rawType);
        String name = ParameterNames.httpName(annotations);
        if (reader == null || name == null) {
            return null;
        }
        boolean primitive = rawType.isPrimitive();
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank() && !primitive) {
                    return null;
                }
                try {
                    return (T) reader.read().apply(value.strip());
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
                    throw new WebApplicationException(Problem.badRequest(name, "'" + shown + "' is not "
                            + reader.expected()).toResponse());
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    /** A constant's name, in any case. */
    private static Reader enumReader(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        java.util.List<String> names = java.util.Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList();
        return new Reader(s -> {
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown constant");
        }, "one of " + String.join(", ", names));
    }

    private static Object finite(String s) {
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not finite");
        }
        return d;
    }

    private static Object bool(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }
}
