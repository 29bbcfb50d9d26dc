package org.carbonmrv.ingest.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.records.SensorReading;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hand-written JSON of a page of sensor readings against a second implementation: the application's own object
 * mapper writing the {@code SensorReadingPage} of the same readings, each instant put at the zone's offset by
 * {@code atZoneSameInstant}. Cases come from a seeded generator ({@code -Dfuzz.seed}, {@code -Dfuzz.cases} as in
 * {@code ParserRobustnessTest}): runs of instants across the zones' transitions, whole and fractional seconds, years
 * far off, zones whose old offsets have seconds; strings with quotes, escapes, controls and non-BMP characters;
 * doubles of every kind, nulls.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SensorReadingsJsonTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_203L);
    private static final int CASES = 400 * Integer.getInteger("fuzz.cases", 1);
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    @Inject
    ObjectMapper json;

    @Test
    void writesWhatTheObjectMapperWritesForTheSamePage() throws Exception {
        Random random = new Random(SEED);
        for (int c = 0; c < CASES; c++) {
            ZoneId zone = zone(random);
            List<SensorReading> readings = readings(random);
            int page = random.nextInt(3);
            int size = 1 + random.nextInt(10_000);
            long total = readings.size() + random.nextInt(5);
            byte[] written = bytes(SensorReadingsJson.page(json, zone, page, size, each -> {
                readings.forEach(each);
                return total;
            }).entity());
            List<PlantRecordsResource.SensorReadingView> views = readings.stream().map(r -> view(r, zone)).toList();
            // as bytes, as the HTTP layer has the mapper write an answer
            String expected = new String(json.writeValueAsBytes(new PlantRecordsResource.SensorReadingPage(views,
                    page, size, total)), StandardCharsets.UTF_8);
            assertEquals(expected, new String(written, StandardCharsets.UTF_8), "case " + c + " in " + zone);
        }
    }

    @Test
    void aNewYorkFallBackNightKeepsBothPassesOfTheRepeatedHour() throws Exception {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant start = Instant.parse("2024-11-03T05:59:00Z");
        List<SensorReading> readings = List.of(reading(start, 1), reading(start.plusSeconds(60), 2),
                reading(start.plusSeconds(3600), 3), reading(start.plusSeconds(3660), 4));
        String written = new String(bytes(SensorReadingsJson.page(json, ny, 0, 1440, each -> {
            readings.forEach(each);
            return 4;
        }).entity()), StandardCharsets.UTF_8);
        // 05:59Z is 01:59 EDT (-4h); 06:00Z is the first 01:00 of the repeated hour in EST (-5h)
        List<String> ts = io.restassured.path.json.JsonPath.from(written).getList("items.ts");
        assertEquals(List.of("2024-11-03T01:59:00-04:00", "2024-11-03T01:00:00-05:00", "2024-11-03T01:59:00-05:00",
                "2024-11-03T02:00:00-05:00"), ts);
    }

    private static byte[] bytes(StreamingOutput body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        return out.toByteArray();
    }

    private static SensorReading reading(Instant at, long id) {
        return new SensorReading(id, 1, (int) id + 1, "PLANT_NY", "PH0101", "secondary_clarifier",
                at.atOffset(ZoneOffset.UTC), 7.0, null, "pH");
    }

    private static PlantRecordsResource.SensorReadingView view(SensorReading r, ZoneId zone) {
        return new PlantRecordsResource.SensorReadingView(r.recordId(), r.uploadId(), r.rowNum(), r.plant(),
                r.sensorId(), r.point(), r.ts() == null ? null : r.ts().atZoneSameInstant(zone).toOffsetDateTime(),
                r.value(), r.rawValue(), r.unit());
    }

    private static ZoneId zone(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ZoneOffset.UTC;
            case 1 -> ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4) - 18 * 4) * 900);
            default -> ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
        };
    }

    /** A run of readings: steps of a second to a day from a start, now and then out of order or far off. */
    private static List<SensorReading> readings(Random random) {
        int n = random.nextInt(60);
        long second = start(random);
        long step = new long[] {1, 60, 900, 3600, 86_400}[random.nextInt(5)];
        List<SensorReading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            second += random.nextInt(20) == 0 ? -random.nextInt(100_000) : step;
            int nano = random.nextInt(4) == 0 ? random.nextInt(1_000_000) * 1000 : 0;
            OffsetDateTime ts = random.nextInt(50) == 0 ? null
                    : Instant.ofEpochSecond(second, nano).atOffset(ZoneOffset.UTC);
            out.add(new SensorReading(random.nextLong() >>> 1, random.nextInt(Integer.MAX_VALUE), random.nextInt(),
                    text(random), text(random), text(random), ts, value(random), text(random), text(random)));
        }
        return out;
    }

    private static long start(Random random) {
        return switch (random.nextInt(6)) {
            // years 0001-1900: local mean times, offsets with seconds
            case 0 -> -62_135_596_800L + (long) (random.nextDouble() * 59_958_144_000L);
            // years beyond 9999 or before year 0
            case 1 -> random.nextBoolean() ? 253_402_300_800L + random.nextInt(1_000_000_000)
                    : -62_167_219_200L - random.nextInt(1_000_000_000);
            // near a transition of recent years
            default -> 1_600_000_000L + (long) (random.nextDouble() * 400_000_000L);
        };
    }

    private static Double value(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-310, 1e21, 1e-7}[random.nextInt(10)];
            case 2 -> Double.longBitsToDouble(random.nextLong());
            default -> Math.round(random.nextDouble() * 14_000) / 1000.0;
        };
    }

    private static String text(Random random) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\/\u2028\u2029\u007f".charAt(random.nextInt(6)));
                case 2 -> s.appendCodePoint(0x1F300 + random.nextInt(200));
                case 3 -> s.append((char) (0x80 + random.nextInt(0x700)));
                default -> s.append((char) ('A' + random.nextInt(58)));
            }
        }
        return s.toString();
    }
}
