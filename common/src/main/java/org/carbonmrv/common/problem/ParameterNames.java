package org.carbonmrv.common.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The name a caller knows a field by: the query, path, header or form parameter's HTTP name (not the Java one), a
 * bean parameter's field by its own annotation, a body member by its path inside the body ({@code definition.columns}).
 */
final class ParameterNames {

    private ParameterNames() {
    }

    /** The HTTP name among a parameter's annotations, or null when it has none. */
    static String httpName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            } else if (a instanceof FormParam f) {
                return f.value();
            } else if (a instanceof CookieParam c) {
                return c.value();
            }
        }
        return null;
    }

    /** The field a violation is about, as the caller named it; {@code method} may be null (not a resource call). */
    static String of(ConstraintViolation<?> v, Method method) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        int i = !nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD ? 1 : 0;
        if (method != null && i < nodes.size() && nodes.get(i).getKind() == ElementKind.PARAMETER) {
            Parameter p = method.getParameters()[nodes.get(i).as(Path.ParameterNode.class).getParameterIndex()];
            String http = httpName(p.getAnnotations());
            if (http != null) {
                return http;
            }
            if (p.isAnnotationPresent(BeanParam.class) && i + 1 < nodes.size()) {
                String field = beanField(p.getType(), nodes.get(i + 1).getName());
                if (field != null) {
                    return field;
                }
            }
            if (i + 1 < nodes.size()) {
                i++; // a body: its members are named from the body's root
            }
        }
        return join(nodes.subList(Math.min(i, nodes.size()), nodes.size()));
    }

    private static String beanField(Class<?> bean, String name) {
        for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return httpName(f.getAnnotations());
                }
            }
        }
        return null;
    }

    private static String join(List<Path.Node> nodes) {
        StringBuilder b = new StringBuilder();
        for (Path.Node n : nodes) {
            if (n.isInIterable()) {
                // the index or key of a container element belongs to the container, the previous node
                b.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
            }
            if (n.getName() == null) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(snake(n.getName()));
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    /** Body members are snake_case in JSON (the services' naming strategy). */
    static String snake(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
