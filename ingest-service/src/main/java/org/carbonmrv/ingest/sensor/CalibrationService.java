package org.carbonmrv.ingest.sensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Audit;
import org.carbonmrv.ingest.persistence.BlobStore;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.Plants;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sensor calibrations: recorded with their certificate and audited; qaqc reads them (published view) to flag
 * readings taken too long after the last one, and re-grades a sensor's uploads when one is added.
 */
@ApplicationScoped
public class CalibrationService {

    /** A certificate as received: its bytes on disk and the name it came with. */
    public record Certificate(Path file, String fileName) {
    }

    private final CalibrationRepository calibrations;
    private final PlantService plants;
    private final BlobStore blobs;
    private final Audit audit;

    public CalibrationService(CalibrationRepository calibrations, PlantService plants, BlobStore blobs, Audit audit) {
        this.calibrations = calibrations;
        this.plants = plants;
        this.blobs = blobs;
        this.audit = audit;
    }

    public List<Calibration> of(String sensorId, String plant) {
        return calibrations.of(sensorId, plant);
    }

    public Optional<Calibration> byId(String sensorId, long id) {
        return calibrations.byId(sensorId, id);
    }

    /** Records a calibration (its certificate's bytes kept first); the plant must be registered. */
    public Calibration record(Calibration c, Optional<Certificate> certificate) {
        if (plants.current(c.plant()).isEmpty()) {
            throw Problem.status(422).title("Unknown plant").detail(Plants.notRegistered(c.plant())).build();
        }
        String sha = certificate.map(cert -> store(cert.file(), c.plant())).orElse(null);
        Calibration withCertificate = new Calibration(0, c.plant(), c.sensorId(), c.calibratedAt(), c.method(),
                c.referenceMaterial(), c.referenceLot(), c.offsetFound(), c.slopeFound(), sha,
                certificate.map(Certificate::fileName).orElse(null), c.comment(), audit.subject(), null);
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = calibrations.insert(withCertificate);
            audit.record("calibration.create", "sensor " + c.sensorId() + " calibration " + id, Map.of("plant",
                    c.plant(), "calibrated_at", c.calibratedAt().toString(), "method", c.method(), "certificate",
                    String.valueOf(sha)));
            return calibrations.byId(c.sensorId(), id).orElseThrow();
        });
    }

    private String store(Path file, String plant) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            blobs.store(sha, file, plant);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
