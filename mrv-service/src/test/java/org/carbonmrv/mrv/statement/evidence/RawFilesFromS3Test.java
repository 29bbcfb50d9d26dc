package org.carbonmrv.mrv.statement.evidence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.RawFilesInS3;
import org.carbonmrv.devstack.S3ProxyServer;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.UpstreamServices;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An upload that a packaged ingest-service stored in S3 (a real S3-protocol server, S3Proxy over a directory) is
 * read back from the bucket by mrv, as a statement's evidence package reads its original files: the same bytes and
 * SHA-256 as the file sent, found through {@code ingest.v_upload_blob}'s key alone.
 */
@QuarkusTest
@TestProfile(RawFilesInS3.class)
@WithTestResource(PipelineTestResource.class)
class RawFilesFromS3Test {

    private static final String BUCKET = RawFilesInS3.BUCKET;
    private static final String PLANT = "PLANT_MRV_S3";

    @Inject
    RawFiles raw;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUploadStoredInTheBucketIsCopiedFromIt() throws Exception {
        S3ProxyServer s3 = RawFilesInS3.server();
        UpstreamServices.Started ingest = UpstreamServices.start("ingest-service",
                new EmbeddedPostgresTestResource().start(), s3.serviceEnvironment(BUCKET));
        try {
            TestPlants.registerAt(ingest.url(), PLANT);
            Path file = Files.createTempFile("mrv-s3", ".csv");
            Files.writeString(file, Files.readString(SampleCorpus.samples().resolve("sensors/PH0101_PH_2024.csv"))
                    .lines().limit(50).map(l -> l.replace("PLANT_A", PLANT)).collect(Collectors.joining("\n", "", "\n")));
            byte[] sent = Files.readAllBytes(file);
            long id = given().baseUri(ingest.url()).port(-1).multiPart("file", file.toFile()).multiPart("plant", PLANT)
                    .post("/api/v1/uploads").then().statusCode(201).extract().jsonPath().getLong("id");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent));
            String key = Jdbc.first(dataSource, "select s3_key from ingest.v_upload_blob where upload_id = ?",
                    rs -> rs.getString(1), id).orElseThrow();
            assertTrue(key.startsWith("raw/" + PLANT + "/") && key.endsWith(sha), key);
            assertTrue(Files.exists(s3.object(BUCKET, key)), "ingest wrote the object " + key);
            assertEquals(0, Jdbc.count(dataSource, "select count(*) from ingest.v_upload_file where upload_id = ?", id),
                    "no chunks in PostgreSQL to fall back on");

            ByteArrayOutputStream copied = new ByteArrayOutputStream();
            assertEquals(sent.length, raw.copy(id, copied), "bytes copied");
            assertArrayEquals(sent, copied.toByteArray(), "the object's bytes, as sent");
            assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(copied.toByteArray())));
        } finally {
            ingest.process().destroy();
            ingest.process().waitFor();
        }
    }
}
