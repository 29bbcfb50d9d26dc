package org.carbonmrv.qaqc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.qaqc.queue.GradingWorker;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readings of minutes another upload already logged (an overlapping export) are SUSPECT duplicates, found through
 * ingest's per-upload spans; the minutes only the new file has are not. A plant of its own, apart from the corpus.
 */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class SensorDuplicatesTest {

    @Inject
    GradingWorker worker;

    private static Path export(String name, int fromMinute, int toMinute) throws Exception {
        StringBuilder csv = new StringBuilder("Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,"
                + "Process value\n");
        for (int m = fromMinute; m <= toMinute; m++) {
            csv.append(String.format("2024-03-01 00:%02d:00,7.%02d,pH,PH0901,secondary_clarifier,PLANT_T,pH%n", m,
                    10 + m % 3));
        }
        Path f = Files.createTempFile(name, ".csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void minutesLoggedByAnEarlierUploadAreSuspect() throws Exception {
        org.carbonmrv.devstack.TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_T");
        SampleCorpus.upload(export("first", 0, 19).toFile(), null);
        worker.drain();
        SampleCorpus.upload(export("overlapping", 10, 29).toFile(), null);
        worker.drain();
        List<Map<String, Object>> grades = Corpus.json("/api/v1/grades?record_type=sensor&plant=PLANT_T"
                + "&parameter=PH0901&from=2024-03-01&to=2024-03-01&size=100").getList("items");
        assertEquals(40, grades.size());
        Map<Long, List<String>> duplicates = grades.stream().collect(Collectors.groupingBy(
                g -> ((Number) g.get("job_id")).longValue(), java.util.TreeMap::new, Collectors.mapping(
                        g -> g.get("ts").toString().substring(11, 16) + " " + duplicateReason(g), Collectors.toList())));
        List<List<String>> byJob = List.copyOf(duplicates.values());
        // the first upload was graded before the second existed: none of its minutes is a duplicate
        assertEquals(20, byJob.get(0).stream().filter(r -> r.endsWith(" -")).count(), byJob.get(0).toString());
        // the second: 00:10-00:19 were logged by the first, 00:20-00:29 were not
        List<String> second10to19 = byJob.get(1).stream().filter(r -> r.compareTo("00:20") < 0).sorted().toList();
        assertEquals(10, second10to19.size());
        second10to19.forEach(r -> assertEquals("duplicate: this timestamp was already logged by another upload",
                r.substring(6), r));
        assertEquals(10, byJob.get(1).stream().filter(r -> r.compareTo("00:20") >= 0 && r.endsWith(" -")).count());
    }

    @SuppressWarnings("unchecked")
    private static String duplicateReason(Map<String, Object> grade) {
        return ((List<String>) grade.get("reasons")).stream().filter(r -> r.startsWith("duplicate:")).findFirst()
                .orElse("-");
    }
}
