package org.carbonmrv.mrv.rest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * Serialized JSON answers of read endpoints, kept per data revision ({@code mrv.revision}): each request reads
 * the revision (one indexed row), then answers from memory when the same query was answered at that revision.
 * An answer computed while a writer commits is stored under the revision read before it, which readers of the
 * newer revision never look up: nothing stale is served. Bounded in bytes; entries of older revisions are dropped.
 */
@ApplicationScoped
public class ResponseCache {

    private static final long MAX_BYTES = 64L << 20;

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, byte[]> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long newest = -1;

    public ResponseCache(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public byte[] get(String query, Supplier<Object> answer) {
        long revision = revision();
        if (revision > newest) {
            newest = revision;
            String prefix = revision + "|";
            for (Iterator<String> it = entries.keySet().iterator(); it.hasNext();) {
                String k = it.next();
                if (!k.startsWith(prefix)) {
                    byte[] old = entries.remove(k);
                    if (old != null) {
                        bytes.addAndGet(-old.length);
                    }
                }
            }
        }
        String key = revision + "|" + query;
        byte[] body = entries.get(key);
        if (body != null) {
            return body;
        }
        try {
            body = json.writeValueAsBytes(answer.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (revision == newest && bytes.get() + body.length <= MAX_BYTES && entries.putIfAbsent(key, body) == null) {
            bytes.addAndGet(body.length);
        }
        return body;
    }

    private long revision() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select n from mrv.revision where id = 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
