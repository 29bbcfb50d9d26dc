package org.carbonmrv.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * The schema rules that let a large table be distributed on its plant (Citus {@code create_distributed_table(t,
 * 'plant')}) and archived by time, read from the migrated database's catalog:
 * <ul>
 * <li>it carries {@code plant text not null};</li>
 * <li>it is partitioned by range on a time column, and has partitions;</li>
 * <li>every primary key and unique index of it (and of its partitions) includes {@code plant};</li>
 * <li>its foreign keys reference only the schema's reference tables, and no other table references it.</li>
 * </ul>
 */
public final class DistributionRules {

    private DistributionRules() {
    }

    /** @return the rules broken, one line each; empty when the table keeps them all */
    public static List<String> broken(DataSource ds, String schema, String table, Set<String> referenceTables)
            throws SQLException {
        String t = schema + "." + table;
        List<String> broken = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            if (rows(c, "select 1 from pg_attribute where attrelid = ?::regclass and attname = 'plant' and attnotnull "
                    + "and atttypid = 'text'::regtype", t).isEmpty()) {
                broken.add(t + ": no plant text not null");
            }
            List<String> strategy = rows(c, "select partstrat::text || ':' || count(i.inhrelid) from pg_partitioned_table p "
                    + "left join pg_inherits i on i.inhparent = p.partrelid where p.partrelid = ?::regclass "
                    + "group by partstrat", t);
            if (strategy.isEmpty() || !strategy.get(0).startsWith("r:") || strategy.get(0).equals("r:0")) {
                broken.add(t + ": not range-partitioned with partitions " + strategy);
            }
            for (String index : rows(c, "select x.indexrelid::regclass::text from pg_index x where x.indisunique and "
                    + "(x.indrelid = ?::regclass or x.indrelid in (select inhrelid from pg_inherits where inhparent = "
                    + "?::regclass)) and not exists (select 1 from unnest(x.indkey) k join pg_attribute a on "
                    + "a.attrelid = x.indrelid and a.attnum = k where a.attname = 'plant')", t, t)) {
                broken.add(t + ": unique index without plant " + index);
            }
            for (String fk : rows(c, "select conname || ' -> ' || confrelid::regclass::text from pg_constraint where "
                    + "contype = 'f' and conrelid = ?::regclass", t)) {
                String target = fk.substring(fk.indexOf(" -> ") + 4);
                if (!referenceTables.contains(target.replace(schema + ".", ""))) {
                    broken.add(t + ": foreign key to a table that is not a reference table " + fk);
                }
            }
            for (String fk : rows(c, "select conname || ' <- ' || conrelid::regclass::text from pg_constraint where "
                    + "contype = 'f' and confrelid = ?::regclass", t)) {
                broken.add(t + ": referenced by " + fk);
            }
        }
        return broken;
    }

    private static List<String> rows(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
