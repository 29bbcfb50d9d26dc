package org.carbonmrv.ingest.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.RawFilesInS3;
import org.carbonmrv.devstack.S3ProxyServer;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Raw files in S3 ({@code carbonmrv.blobs.store=s3}) against a real S3-protocol server (S3Proxy over a directory):
 * the object is the file's bytes under raw/{plant}/{yyyy}/{mm}/{sha256}, the file is served back from it, and with the
 * server down an upload is refused with 503 and nothing is accepted.
 */
@QuarkusTest
@TestProfile(RawFilesInS3.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
class S3BlobStoreTest {

    private static final String BUCKET = RawFilesInS3.BUCKET;
    private static final String PLANT = "PLANT_S3_BLOBS";
    private final S3ProxyServer server = RawFilesInS3.server();

    @Inject
    DataSource dataSource;

    /** A sensor log of the plant with {@code rows} readings: each count gives new bytes. */
    private static Path log(String name, int rows) {
        return BadFiles.text(name, BadFiles.head("sensors/PH0101_PH_2024.csv", rows + 1).replace("PLANT_A", PLANT));
    }

    private static Response upload(Path file) {
        return given().multiPart("file", file.toFile()).multiPart("plant", PLANT).post("/api/v1/uploads");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private long accepted(String sha) {
        return Jdbc.count(dataSource, "select count(*) from ingest.upload where sha256 = ? and status = 'ACCEPTED'",
                sha);
    }

    @Test
    void anUploadsBytesAreAnObjectUnderThePlantsPrefixAndAreServedFromIt() throws Exception {
        TestPlants.register(PLANT);
        Path file = log("s3-round-trip.csv", 30);
        byte[] bytes = Files.readAllBytes(file);
        String sha = sha256(bytes);
        long id = upload(file).then().statusCode(201).extract().jsonPath().getLong("id");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = String.format("raw/%s/%04d/%02d/%s", PLANT, today.getYear(), today.getMonthValue(), sha);
        Path object = server.object(BUCKET, key);
        assertTrue(Files.exists(object), "the object " + key + " is in the bucket");
        assertEquals(sha, sha256(Files.readAllBytes(object)), "the object holds the file's bytes");
        assertEquals(key, Jdbc.first(dataSource, "select s3_key from ingest.blob where sha256 = ?",
                rs -> rs.getString(1), sha).orElseThrow(), "the blob row names its object");
        assertEquals(0, Jdbc.count(dataSource, "select count(*) from ingest.blob_chunk where sha256 = ?", sha),
                "no chunks in PostgreSQL");
        byte[] served = given().get("/api/v1/uploads/" + id + "/file").then().statusCode(200).extract()
                .asByteArray();
        assertArrayEquals(bytes, served, "GET …/file serves the object's bytes");
    }

    @Test
    void withTheFileStoreDownAnUploadIs503AndNothingIsAccepted() throws Exception {
        TestPlants.register(PLANT);
        Path file = log("s3-down.csv", 40);
        String sha = sha256(Files.readAllBytes(file));
        server.stop();
        try {
            Response r = upload(file);
            assertEquals(503, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals(0, accepted(sha), "nothing accepted without its bytes");
        } finally {
            server.startAgain();
        }
        upload(file).then().statusCode(201);
        assertEquals(1, accepted(sha));
    }
}
