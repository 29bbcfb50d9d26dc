package org.carbonmrv.common;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

/** Read queries with bound parameters only, rows as JSON-ready maps (column names are the API's field names). */
@ApplicationScoped
public class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Map<String, Object>> rows(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs.getObject(i)));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, List<Object> params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    private static Object value(Object o) throws SQLException {
        if (o instanceof Array a) {
            List<Object> items = new ArrayList<>();
            for (Object x : (Object[]) a.getArray()) {
                items.add(x);
            }
            return items;
        }
        if (o instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (o instanceof org.postgresql.util.PGobject p) {
            return p.getValue();
        }
        return o;
    }
}
