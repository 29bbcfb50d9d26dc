package org.carbonmrv.mrv.statement.evidence;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.export.ExportService;
import org.carbonmrv.mrv.removal.StoredInput;
import org.carbonmrv.mrv.removal.query.FigureVersion;
import org.carbonmrv.mrv.statement.StatementDocument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The evidence package of a statement: a zip a verifier rechecks without this system. The same statement always gives
 * the same bytes (entries in a fixed order with a fixed time; every file written from immutable records), so the
 * package's SHA-256 is stored on the statement, in its hash chain.
 */
@ApplicationScoped
public class EvidencePackage {

    /** What a package is made of: the statement as issued (its JSON text) and each day's figure with its lineage. */
    public record Contents(String documentJson, StatementDocument document, List<FigureVersion> figures) {
    }

    private final RawFiles raw;
    private final ObjectMapper json;

    public EvidencePackage(RawFiles raw, ObjectMapper json) {
        this.raw = raw;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The package's SHA-256 (hex), the bytes written nowhere. */
    public String sha256(Contents c) {
        MessageDigest digest = sha256();
        write(c, new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return HexFormat.of().formatHex(digest.digest());
    }

    public void write(Contents c, OutputStream out) {
        StatementDocument s = c.document();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("statement.json", c.documentJson().getBytes(StandardCharsets.UTF_8));
        files.put("figures.csv", figuresCsv(c.figures()));
        files.put("inputs.csv", inputsCsv(c.figures()));
        files.put("methodology.json", toJson(s.methodologies()));
        files.put("approvals.json", toJson(s.approvals()));
        files.put("workbook/recompute.xlsx", EvidenceWorkbook.build(s, c.figures()));
        Zips.Writer zip = new Zips.Writer(out);
        zip.add("README.txt", Readme.text(s).getBytes(StandardCharsets.UTF_8));
        zip.add("manifest.json", manifest(s, files));
        files.forEach(zip::add);
        for (StatementDocument.UploadUsed u : s.uploads()) {
            zip.add(rawPath(u), o -> raw.copy(u.uploadId(), o));
        }
        zip.finish();
    }

    /** Where an original file sits in the package: under raw/, by upload id (two uploads may share a name). */
    public static String rawPath(StatementDocument.UploadUsed u) {
        String name = u.fileName().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return "raw/" + u.uploadId() + "/" + name;
    }

    private byte[] manifest(StatementDocument s, Map<String, byte[]> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement_format", StatementDocument.FORMAT);
        m.put("plant", s.plant());
        m.put("from", s.from().toString());
        m.put("to", s.to().toString());
        m.put("version", s.version());
        List<Map<String, Object>> entries = new ArrayList<>();
        files.forEach((path, bytes) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", path);
            e.put("sha256", hex(sha256().digest(bytes)));
            e.put("size_bytes", bytes.length);
            entries.add(e);
        });
        for (StatementDocument.UploadUsed u : s.uploads()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("path", rawPath(u));
            e.put("sha256", u.sha256());
            e.put("size_bytes", u.sizeBytes());
            e.put("upload_id", u.uploadId());
            e.put("file_name", u.fileName());
            e.put("generated_at", u.generatedAt() == null ? null : u.generatedAt().toString());
            e.put("received_at", u.receivedAt().toString());
            entries.add(e);
        }
        m.put("files", entries);
        return toJson(m);
    }

    private static byte[] figuresCsv(List<FigureVersion> figures) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("day", "version", "flag", "flow_mgd", "ca_upstream_mg_per_l", "ca_downstream_mg_per_l",
                "delta_ca_mg_per_l", "co2_t", "u_co2_t", "u_co2_ca_t", "u_co2_flow_t", "conservative_co2_t",
                "needs_review", "methodology_id", "qaqc_config_versions", "fingerprint", "message"));
        for (FigureVersion f : figures) {
            rows.add(java.util.Arrays.asList(f.day(), f.version(), f.flag(), f.flowMgd(), f.caUpstreamMgPerL(),
                    f.caDownstreamMgPerL(), f.deltaCaMgPerL(), f.co2T(), f.uCo2T(), f.uCo2CaT(), f.uCo2FlowT(),
                    f.conservativeCo2T(), f.needsReview(), f.methodologyId(), f.qaqcConfigVersions(),
                    f.fingerprint(), f.message()));
        }
        return csv(rows);
    }

    private static byte[] inputsCsv(List<FigureVersion> figures) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("day", "role", "record_type", "record_id", "upload_id", "file_name", "sheet", "row",
                "unique_id", "value", "value_used", "original_value", "original_unit", "censoring", "detection_limit",
                "uncertainty_mg_per_l", "u_used_mg_per_l", "qaqc_flag", "qaqc_flag_name", "qaqc_auto_flag",
                "qaqc_override_id", "qaqc_config_version", "qaqc_reasons", "used", "excluded_because"));
        for (FigureVersion f : figures) {
            for (StoredInput i : f.inputs()) {
                rows.add(java.util.Arrays.asList(f.day(), i.role(), i.recordType(), i.recordId(), i.uploadId(),
                        i.fileName(), i.sheet(), i.row(), i.uniqueId(), i.value(), i.valueUsed() != null
                                ? i.valueUsed() : i.value(), i.originalValue(), i.originalUnit(), i.censoring(),
                        i.detectionLimit(), i.uncertaintyMgPerL(), i.uUsedMgPerL(), i.qaqcFlag(), i.qaqcFlagName(),
                        i.qaqcAutoFlag(), i.qaqcOverrideId(), i.qaqcConfigVersion(), i.qaqcReasons(), i.used(),
                        i.excludedBecause()));
            }
        }
        return csv(rows);
    }

    /** RFC 4180 text, CRLF lines; numbers at full precision; text a spreadsheet would run as a formula escaped. */
    private static byte[] csv(List<List<Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                String v = ExportService.csvText(row.get(i));
                b.append(v.matches(".*[\",\r\n].*") || v.startsWith(" ") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] toJson(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
