package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Samples;
import org.carbonmrv.ingest.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Malformed and hostile files: each gets its status and a message saying why, and leaves the database as it was
 * but for the REJECTED upload (with its bytes).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class BadInputTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    static final String LAB = "lab/IC_calcium.csv";
    static final String SENSOR = "sensors/PH0101_PH_2024.csv";
    static final String MPOR = "ops/PLANT_B-MPOR_Sample_07192024to08232024.xlsx";
    static final String OPS_A = "ops/PLANT_A-OPS DATA-JUL24.xlsx";
    static final String LAB_HEADER = BadFiles.head(LAB, 1);

    /** A file, the form fields sent with it, and the answer expected. */
    record Case(String name, Path file, String kind, String plant, int status, String message, Long row,
            String column) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case reject(String name, Path file, int status, String message) {
        return new Case(name, file, null, null, status, message, null, null);
    }

    static Case at(String name, Path file, String message, long row, String column) {
        return new Case(name, file, null, null, 422, message, row, column);
    }

    static Case with(Case c, String kind, String plant) {
        return new Case(c.name, c.file, kind, plant, c.status, c.message, c.row, c.column);
    }

    /** The workbook with the middle of one entry's compressed data overwritten (its local header kept). */
    static byte[] garbled(byte[] xlsx, String entry) {
        byte[] name = entry.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + 30 + name.length < xlsx.length; i++) {
            if (xlsx[i] == 0x50 && xlsx[i + 1] == 0x4B && xlsx[i + 2] == 3 && xlsx[i + 3] == 4
                    && java.util.Arrays.equals(xlsx, i + 30, i + 30 + name.length, name, 0, name.length)) {
                int nameLen = (xlsx[i + 26] & 0xFF) | (xlsx[i + 27] & 0xFF) << 8;
                int extraLen = (xlsx[i + 28] & 0xFF) | (xlsx[i + 29] & 0xFF) << 8;
                int data = i + 30 + nameLen + extraLen;
                byte[] out = xlsx.clone();
                for (int j = data + 40; j < data + 104; j++) {
                    out[j] = (byte) 0xA5;
                }
                return out;
            }
        }
        throw new IllegalStateException("no entry " + entry);
    }

    /** The workbook with one entry's content replaced (every other entry as it was). */
    static byte[] replaced(byte[] xlsx, String entry, String content) {
        var out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx));
                var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(e.getName().equals(entry) ? content.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : in.readAllBytes());
                zip.closeEntry();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(reject("empty file", BadFiles.write("empty.csv", new byte[0]), 422, "empty"));
        cases.add(reject("header only", BadFiles.text("header-only.csv", LAB_HEADER), 422, "no data rows"));
        cases.add(reject("blank lines only after header", BadFiles.text("blank.csv", LAB_HEADER + "\n\n,,\n"), 422,
                "no data rows"));
        cases.add(reject("random bytes named .xlsx", BadFiles.write("random.xlsx", BadFiles.random(4096, 7)), 422,
                "neither a workbook"));
        byte[] mpor = BadFiles.sample(MPOR);
        cases.add(reject("truncated .xlsx", BadFiles.write("truncated.xlsx",
                java.util.Arrays.copyOf(mpor, mpor.length / 2)), 422, "cannot be read"));
        // its directory intact, one part's compressed bytes garbled: the package opens, then fails to load (the
        // reader would save such a package over the file it read: the kept bytes must still be those sent)
        cases.add(reject("an .xlsx with a garbled part", BadFiles.write("garbled-part.xlsx", garbled(mpor,
                "xl/sharedStrings.xml")), 422, "cannot be read"));
        // a valid zip whose workbook part is not XML: the reader fails after opening the package, which it would then
        // save over the file read (re-zipped): the kept bytes must still be those sent
        cases.add(reject("an .xlsx whose workbook part is not XML", BadFiles.write("bad-workbook-part.xlsx",
                replaced(mpor, "xl/workbook.xml", "<workbook")), 422, "cannot be read"));
        cases.add(reject("plain text", BadFiles.text("notes.txt", "hello world\nnothing tabular here\n"), 422,
                "no known layout matches"));
        String lab = BadFiles.head(LAB, 6);
        cases.add(at("missing value column", BadFiles.text("no-value.csv",
                lab.replace(",value,", ",valeur,")), "missing column", 1, "value"));
        cases.add(reject("semicolon delimiter", BadFiles.text("semicolon.csv", lab.replace(',', ';')), 422,
                "no known layout matches"));
        cases.add(with(reject("semicolon delimiter, kind given", BadFiles.text("semicolon2.csv",
                lab.replace(',', ';').replace("aqueous", "aq")), 422, "';' or tab as delimiter"), "lab-calcium",
                null));
        byte[] latin1 = (LAB_HEADER + BadFiles.head(LAB, 3).substring(LAB_HEADER.length()).replace(",,TRUE",
                ",débit,TRUE")).getBytes(StandardCharsets.ISO_8859_1);
        cases.add(reject("not UTF-8 (Latin-1)", BadFiles.write("latin1.csv", latin1), 422, "not UTF-8"));
        cases.add(with(at("not UTF-8 past the header, kind given", BadFiles.write("latin1b.csv", (BadFiles.head(LAB, 4)
                + BadFiles.head(LAB, 3).substring(LAB_HEADER.length()).replace(",,TRUE", ",débit,TRUE"))
                .getBytes(StandardCharsets.ISO_8859_1)), "not UTF-8", 5, null), "lab-calcium", null));
        cases.add(reject("a 10 MB single field", BadFiles.text("huge-field.csv", LAB_HEADER
                + BadFiles.head(LAB, 2).substring(LAB_HEADER.length()).replace(",,TRUE", ",\"" + "x".repeat(10 << 20)
                        + "\",TRUE")), 422, "unreadable CSV"));
        cases.add(reject("unclosed quote", BadFiles.text("quote.csv", LAB_HEADER
                + BadFiles.head(LAB, 2).substring(LAB_HEADER.length()).replace(",,TRUE", ",\"open,TRUE")), 422,
                "expected 23 fields"));
        cases.add(reject("zip bomb", BadFiles.write("bomb.xlsx", BadFiles.zipBomb(MPOR, 64 << 20)), 422,
                "zip bomb"));
        byte[] renamed = BadFiles.renameSheet(MPOR, "Sheet1");
        cases.add(reject("wrong sheet", BadFiles.write("wrong-sheet.xlsx", renamed), 422,
                "no known layout matches"));
        cases.add(with(reject("wrong sheet, kind given", BadFiles.write("wrong-sheet2.xlsx",
                BadFiles.renameSheet(MPOR, "Data")), 422, "no sheet named 'SHT-S1 DMR SUM'"), "ops-mpor", null));
        cases.add(reject("plant missing for a file that does not name it", BadFiles.write("PLANT_A.xlsx",
                BadFiles.sample(OPS_A)), 400, "plant is required"));
        cases.add(with(reject("unknown kind", BadFiles.text("k.csv", lab), 400, "unknown kind 'ph-2'"), "ph-2",
                null));
        cases.add(with(reject("CSV sent as a workbook kind", BadFiles.text("k2.csv", lab.replace("aqueous", "aq2")),
                422, "reads workbooks"), "ops-mpor", null));
        String[] rows = lab.split("\n");
        cases.add(at("impossible date", BadFiles.text("bad-date.csv", lab.replace(rows[2], rows[2].replace(
                "2024-07-02", "2024-13-45"))), "is not a date", 3, "date"));
        cases.add(at("row with too few fields", BadFiles.text("short.csv", lab.replace(rows[3],
                rows[3].substring(0, rows[3].lastIndexOf(',')))), "expected 23 fields", 4, null));
        String sensor = BadFiles.head(SENSOR, 5);
        String[] srows = sensor.split("\n");
        cases.add(at("sensor timestamp not a time", BadFiles.text("bad-ts.csv", sensor.replace(srows[4],
                srows[4].replace(srows[4].substring(0, 19), "yesterday"))), "is not a timestamp", 5, "Timestamp"));
        cases.add(at("sensor without sensor id", BadFiles.text("no-sensor.csv", sensor.replace(srows[2],
                srows[2].replace("PH0101", ""))), "empty sensor id", 3, "sensor_id"));
        cases.add(with(at("plant conflicts with the file", BadFiles.text("conflict.csv", lab.replace("aqueous",
                "aq3")), "names plant 'PLANT_A' but the upload says 'PLANT_X'", 2, "plant_id"), null, "PLANT_X"));
        cases.add(reject("effluent flow column missing", BadFiles.write("no-flow.xlsx", BadFiles.editWorkbook(MPOR,
                sheet -> sheet.getRow(9).getCell(7).setCellValue("FLOOW"))), 422,
                "no column for effluent_flow_mgd"));
        cases.add(with(reject("effluent flow in the wrong unit", BadFiles.write("gpd.xlsx", BadFiles.editWorkbook(
                OPS_A, sheet -> sheet.getRow(0).getCell(1).setCellValue("Plnt Ef\n50050\nFLOW MGD\nGPD\nDaily"))),
                422, "is in GPD but the layout declares MGD for effluent_flow_mgd"), null, "PLANT_A"));
        cases.add(reject("no day rows", BadFiles.write("no-days.xlsx", BadFiles.editWorkbook(MPOR, sheet -> {
            for (Row r : sheet) {
                if (r.getRowNum() >= 12 && r.getCell(0) != null) {
                    r.removeCell(r.getCell(0));
                }
            }
        })), 422, "no day rows"));
        return cases.stream();
    }

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithReasonAndNothingStoredButTheRejectedUpload(Case c) {
        Map<String, Long> before = Db.counts(dataSource);
        var req = given().multiPart("file", c.file.toFile());
        if (c.kind != null) {
            req = req.multiPart("kind", c.kind);
        }
        if (c.plant != null) {
            req = req.multiPart("plant", c.plant);
        }
        Response res = req.post("/api/v1/uploads");
        res.then().statusCode(c.status).contentType("application/problem+json")
                .body("status", equalTo(c.status)).body("detail", containsString(c.message))
                .body("upload_id", notNullValue()).body("errors[0].reason", notNullValue());
        if (c.row != null) {
            res.then().body("errors.row", hasItem(c.row.intValue()));
        }
        if (c.column != null) {
            res.then().body("errors.column", hasItem(c.column));
        }
        Map<String, Long> after = Db.counts(dataSource);
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.get(k)));
        assertEquals(1, delta.get("upload"), "one upload recorded " + delta);
        assertEquals(1, delta.get("rejected"), "recorded as REJECTED " + delta);
        for (String t : new String[] {"lab_reading", "sensor_reading", "ops_day", "upload_event"}) {
            assertEquals(0, delta.get(t), t + " unchanged " + delta);
        }
        long id = res.jsonPath().getLong("upload_id");
        given().get("/api/v1/uploads/" + id).then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("errors[0].reason", notNullValue()).body("file_name", equalTo(c.file.getFileName().toString()));
        byte[] kept = given().get("/api/v1/uploads/" + id + "/file").then().statusCode(200).extract().asByteArray();
        assertTrue(java.util.Arrays.equals(readAll(c.file), kept), "the rejected file's bytes are kept");
    }

    /** A workbook that does not name its plant: the same bytes cannot be a second plant's (409, recorded). */
    @Test
    void theSameBytesForAnotherPlantAreRefusedWith409() throws IOException {
        Path f = Files.createTempDirectory("conflict").resolve("OPS DATA-JUL24.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(Samples.file(OPS_A)
                .toPath())); var os = Files.newOutputStream(f)) {
            wb.getProperties().getCoreProperties().setTitle("conflict " + System.nanoTime()); // new bytes
            wb.write(os);
        }
        given().multiPart("file", f.toFile()).multiPart("plant", "PLANT_X").post("/api/v1/uploads").then()
                .statusCode(201);
        given().multiPart("file", f.toFile()).multiPart("plant", "PLANT_X").post("/api/v1/uploads").then()
                .statusCode(200).body("plants", equalTo(List.of("PLANT_X")));
        long id = given().multiPart("file", f.toFile()).multiPart("plant", "PLANT_Z").post("/api/v1/uploads").then()
                .statusCode(409).contentType("application/problem+json")
                .body(containsString("for PLANT_X; they cannot also be PLANT_Z's data")).extract().jsonPath()
                .getLong("upload_id");
        given().get("/api/v1/uploads/" + id).then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void xlsRenamedXlsxIsReadByItsContent() {
        Path f = BadFiles.write("PLANT_A-OPS DATA-AUG24-renamed.xlsx", BadFiles.sample("ops/PLANT_A-OPS DATA-AUG24.xls"));
        given().multiPart("file", f.toFile()).multiPart("plant", "PLANT_A").post("/api/v1/uploads").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(200)))
                .body("kind", equalTo("ops-operator-daily")).body("counts.records_stored", equalTo(31));
    }

    @Test
    void bomAndCrlfAreAccepted() {
        // another plant, so that the sample corpus' counts stay as they are
        String lab = BadFiles.head(LAB, 11).replace("PLANT_A", "PLANT_T").replace("\n", "\r\n");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = new byte[bom.length + lab.length()];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(lab.getBytes(StandardCharsets.UTF_8), 0, body, 3, lab.length());
        given().multiPart("file", BadFiles.write("bom-crlf.csv", body).toFile()).post("/api/v1/uploads").then()
                .statusCode(201).body("kind", equalTo("lab-calcium")).body("counts.records_stored", equalTo(10));
    }

    @Test
    void missingFilePartIs400AndStoresNothing() {
        Map<String, Long> before = Db.counts(dataSource);
        given().multiPart("plant", "PLANT_A").post("/api/v1/uploads").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(before, Db.counts(dataSource));
    }

    @Test
    void invalidPlantNameIs400() {
        given().multiPart("file", BadFiles.text("p.csv", BadFiles.head(LAB, 3)).toFile())
                .multiPart("plant", "../../etc/passwd").post("/api/v1/uploads").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void identicalUploadsInParallelYieldOneUpload() throws Exception {
        Path f = BadFiles.text("parallel.csv", BadFiles.head(SENSOR, 2001).replace("PLANT_A", "PLANT_P"));
        Map<String, Long> before = Db.counts(dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Response> call = () -> given().multiPart("file", f.toFile()).post("/api/v1/uploads");
            answers.add(pool.submit(call));
        }
        List<Integer> statuses = new ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Future<Response> a : answers) {
            Response r = a.get();
            statuses.add(r.statusCode());
            ids.add(r.jsonPath().getLong("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "one upload id for all " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        Map<String, Long> after = Db.counts(dataSource);
        assertEquals(before.get("upload") + 1, after.get("upload"));
        assertEquals(before.get("sensor_reading") + 2000, after.get("sensor_reading"));
        assertEquals(before.get("upload_event") + 1, after.get("upload_event"));
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
