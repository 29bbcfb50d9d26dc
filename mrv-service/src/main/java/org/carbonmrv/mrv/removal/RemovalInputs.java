package org.carbonmrv.mrv.removal;

import org.carbonmrv.mrv.version.PlantDay;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.plant.PlantSettings;
import org.carbonmrv.mrv.plant.PlantSettingsReader;

import io.agroal.api.AgroalDataSource;

/**
 * Reads the inputs of many plant-days at once from the upstream contracts only: {@code ingest.v_ops_day_current},
 * {@code ingest.v_lab_reading} and {@code qaqc.v_record_flag} (current flag, override applied).
 */
@ApplicationScoped
public class RemovalInputs {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RemovalInputs.class);
    /** Plain threads (no context propagation: their connections stay out of the caller's transaction). */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mrv-input-reader");
        t.setDaemon(true);
        return t;
    });

    private final AgroalDataSource dataSource;
    private final PlantSettingsReader plants;

    public RemovalInputs(AgroalDataSource dataSource, PlantSettingsReader plants) {
        this.dataSource = dataSource;
        this.plants = plants;
    }

    /** A record's current qaqc flag (override applied). */
    private record CurrentFlag(Integer flag, Integer autoFlag, Long overrideId, Integer configVersion,
            List<String> reasons) {
    }

    /**
     * The inputs of each plant-day, in plant-day order. Three plain reads over the plants' day span (flags, ops,
     * lab) joined here: a join in SQL between the views' window and DISTINCT ON subqueries was planned as a nested
     * loop (the planner cannot estimate the "current version" filter) and took seconds per plant.
     */
    public Map<PlantDay, DayInputs> read(Connection c, Collection<PlantDay> days, Methodology m) throws SQLException {
        Map<PlantDay, DayInputs> out = new TreeMap<>();
        for (PlantDay d : days) {
            out.put(d, new DayInputs(d.plant(), d.day()));
        }
        if (out.isEmpty()) {
            return out;
        }
        LocalDate first = out.keySet().stream().map(PlantDay::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = out.keySet().stream().map(PlantDay::day).max(LocalDate::compareTo).orElseThrow();
        read(c, out.keySet().stream().map(PlantDay::plant).distinct().toArray(), first, last, m, out, false);
        return out;
    }

    /**
     * The inputs of every day of {@code plant} between two days (inclusive) that has operations or calcium data,
     * in day order: the days are those the reads return (no separate query for which days have data).
     */
    public Map<PlantDay, DayInputs> readRange(Connection c, String plant, LocalDate from, LocalDate to, Methodology m)
            throws SQLException {
        Map<PlantDay, DayInputs> out = new TreeMap<>();
        read(c, new Object[] {plant}, from, to, m, out, true);
        return out;
    }

    /** A record read for a plant-day. */
    private record Read(String plant, LocalDate day, InputRecord record) {
    }

    /** A read on a connection of its own. */
    @FunctionalInterface
    private interface OwnRead<T> {
        T read(Connection own) throws SQLException;
    }

    /**
     * Runs a read on a pooled connection of its own, outside the caller's transaction (statements at READ COMMITTED
     * have their own snapshot either way), so that the three reads run at once.
     */
    private <T> CompletableFuture<T> async(OwnRead<T> read) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection own = dataSource.getConnection()) {
                return read.read(own);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, READERS);
    }

    private static <T> T join(CompletableFuture<T> f) throws SQLException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /**
     * The three reads (operations on the caller's connection; calcium and flags each on one of their own, at the
     * same time); a row's day is added to {@code out} when {@code addDays}, else only days in it are kept.
     */
    private void read(Connection c, Object[] plantNames, LocalDate first, LocalDate last, Methodology m,
            Map<PlantDay, DayInputs> out, boolean addDays) throws SQLException {
        long t0 = System.nanoTime();
        Map<String, PlantSettings> settings = plants.read(c, Arrays.stream(plantNames).map(String.class::cast)
                .toList(), m.plantDefaults());
        CompletableFuture<Map<Long, CurrentFlag>> flagsRead = async(own -> flags(own, plantNames, first, last));
        CompletableFuture<List<Read>> labRead = async(own -> lab(own, plantNames, first, last, m, settings));
        List<Read> reads = ops(c, plantNames, first, last);
        long t1 = System.nanoTime();
        reads.addAll(join(labRead));
        long t2 = System.nanoTime();
        Map<Long, CurrentFlag> flags = join(flagsRead);
        long t3 = System.nanoTime();
        for (Read read : reads) {
            DayInputs d = day(out, read.plant(), read.day(), addDays);
            if (d == null) {
                continue;
            }
            d.settings = settings.get(read.plant());
            InputRecord r = read.record();
            CurrentFlag f = flags.get(key(r.recordType(), r.recordId()));
            if (f != null) {
                r = r.withFlag(f.flag(), f.autoFlag(), f.overrideId(), f.configVersion(), f.reasons());
            }
            if ("ops".equals(r.recordType())) {
                d.ops = r;
            } else {
                d.lab.add(r);
            }
        }
        LOG.debugf("read: ops %d ms, then waited %d ms for calcium and %d ms for the flags", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** The current operations day of each plant-day, with the effluent flow as the export stated it. */
    private List<Read> ops(Connection c, Object[] plantNames, LocalDate first, LocalDate last) throws SQLException {
        List<Read> reads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select plant, day, record_id, upload_id, file_name, sheet, "
                + "row_num, effluent_flow_mgd, bypass_flow_mgd, (original_values -> 'effluent_flow_mgd' ->> 'value')"
                + "::float8, original_values -> 'effluent_flow_mgd' ->> 'unit' from ingest.v_ops_day_current "
                + "where plant = any (?) and day between ? and ?")) {
            bind(ps, 1, c.createArrayOf("text", plantNames), first, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reads.add(new Read(rs.getString(1), rs.getObject(2, LocalDate.class), new InputRecord("ops", "ops",
                            rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getInt(7), null,
                            (Double) rs.getObject(8), null, (Double) rs.getObject(9), null, null, null, null,
                            List.of(), new InputRecord.Reported((Double) rs.getObject(10), rs.getString(11), null,
                                    null))));
                }
            }
        }
        return reads;
    }

    /**
     * The calcium readings of the plants' days at each plant's two sampling points, in record order, with the value
     * and unit the lab wrote and any censoring.
     */
    private static List<Read> lab(Connection c, Object[] plantNames, LocalDate first, LocalDate last, Methodology m,
            Map<String, PlantSettings> settings) throws SQLException {
        Set<String> points = new HashSet<>();
        settings.values().forEach(p -> {
            points.add(p.upstreamPoint());
            points.add(p.downstreamPoint());
        });
        List<Read> reads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select plant, sample_date, record_id, upload_id, file_name, "
                + "row_num, unique_id, point, value, uncertainty, original_value, original_unit, censoring, "
                + "detection_limit from ingest.v_lab_reading where plant = any (?) and sample_date between ? and ? "
                + "and lower(parameter) = lower(?) and point = any (?) order by record_id")) {
            bind(ps, 1, c.createArrayOf("text", plantNames), first, last, m.parameter,
                    c.createArrayOf("text", points.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PlantSettings p = settings.get(rs.getString(1));
                    String point = rs.getString(8);
                    String role = point.equals(p.upstreamPoint()) ? "ca_upstream"
                            : point.equals(p.downstreamPoint()) ? "ca_downstream" : null;
                    if (role == null) {
                        continue; // another plant's point name
                    }
                    reads.add(new Read(rs.getString(1), rs.getObject(2, LocalDate.class), new InputRecord(role, "lab",
                            rs.getLong(3), rs.getLong(4), rs.getString(5), null, rs.getInt(6), rs.getString(7),
                            (Double) rs.getObject(9), (Double) rs.getObject(10), null, null, null, null, null,
                            List.of(), new InputRecord.Reported((Double) rs.getObject(11), rs.getString(12),
                                    rs.getString(13), (Double) rs.getObject(14)))));
                }
            }
        }
        return reads;
    }

    /** Current flags (override applied) of the ops and lab records of the plants' days, by {@link #key}. */
    private static Map<Long, CurrentFlag> flags(Connection c, Object[] plantNames, LocalDate first, LocalDate last)
            throws SQLException {
        Map<Long, CurrentFlag> out = new HashMap<>();
        // plant and ts are DISTINCT ON keys of the view: these restrictions reach its (plant, ts) index
        try (PreparedStatement ps = c.prepareStatement("select record_type, record_id, flag, auto_flag, override_id, "
                + "config_version, reasons from qaqc.v_record_flag where record_type in ('ops', 'lab') "
                + "and plant = any (?) and ts >= ? and ts < ?")) {
            bind(ps, 1, c.createArrayOf("text", plantNames), first.atStartOfDay(), last.plusDays(1).atStartOfDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(key(rs.getString(1), rs.getLong(2)), new CurrentFlag(integer(rs, 3), integer(rs, 4),
                            (Long) rs.getObject(5), integer(rs, 6), strings(rs.getArray(7))));
                }
            }
        }
        return out;
    }

    /** One map for both record types: ids are positive, ops ids stored negated. */
    private static long key(String recordType, long id) {
        return "ops".equals(recordType) ? -id : id;
    }

    private static DayInputs day(Map<PlantDay, DayInputs> out, String plant, LocalDate day, boolean add) {
        PlantDay key = new PlantDay(plant, day);
        return add ? out.computeIfAbsent(key, k -> new DayInputs(k.plant(), k.day())) : out.get(key);
    }

    private static void bind(PreparedStatement ps, int first, Object... values) throws SQLException {
        // thousands of rows read once per statement: binary transfer from the first execution (numbers, dates and
        // ids decoded from bytes, not parsed from text)
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        for (int i = 0; i < values.length; i++) {
            ps.setObject(first + i, values[i]);
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        return o == null ? null : ((Number) o).intValue();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
