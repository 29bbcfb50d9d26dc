package org.carbonmrv.mrv.statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.FigureVersion;
import org.carbonmrv.mrv.removal.query.RemovalReadRepository;
import org.carbonmrv.mrv.statement.evidence.EvidencePackage;
import org.carbonmrv.mrv.version.VersionRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Issues reporting-period statements. In one transaction, the plant's figures locked against every writer: every day
 * of the period must have a figure and be approved; the statement is built from the figures served
 * ({@link StatementBuilder}); when nothing changed since the period's latest version, that version is the answer;
 * else the new version is stored with its evidence package's SHA-256, chained, and audited.
 */
@ApplicationScoped
public class StatementService {

    private final AgroalDataSource dataSource;
    private final VersionRepository versions;
    private final RemovalReadRepository figures;
    private final StatementRepository statements;
    private final StatementBuilder builder;
    private final EvidencePackage evidence;
    private final ObjectMapper json;
    private final Audit audit;

    public StatementService(AgroalDataSource dataSource, VersionRepository versions, RemovalReadRepository figures,
            StatementRepository statements, StatementBuilder builder, EvidencePackage evidence, ObjectMapper json,
            Audit audit) {
        this.dataSource = dataSource;
        this.versions = versions;
        this.figures = figures;
        this.statements = statements;
        this.builder = builder;
        this.evidence = evidence;
        this.json = json;
        this.audit = audit;
    }

    public Issuance issue(String plant, LocalDate from, LocalDate to, String comment) {
        String by = audit.subject();
        return QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                versions.lockPlants(c, List.of(plant));
                List<DayRow> days = figures.days(DayQuery.of(plant, from, to), 0, Integer.MAX_VALUE);
                Issuance.Refused refused = coverage(from, to, days);
                if (refused != null) {
                    return refused;
                }
                List<FigureVersion> served = figures.currentVersions(plant, from, to);
                Optional<Statement> latest = statements.latest(c, plant, from, to);
                List<StatementRepository.StoredDay> before = latest.isEmpty() ? List.of()
                        : statements.days(c, latest.get().id());
                if (latest.isPresent() && same(before, served)) {
                    return new Issuance.Unchanged(latest.get());
                }
                OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                StatementDocument d = builder.build(c, plant, from, to, comment, by, at, days, served, latest,
                        before);
                return new Issuance.Issued(store(c, d, served));
            }
        });
    }

    private Statement store(Connection c, StatementDocument d, List<FigureVersion> served) throws Exception {
        String text = json.writeValueAsString(d);
        String evidenceSha = evidence.sha256(new EvidencePackage.Contents(text, d, served));
        long id = statements.nextId(c);
        statements.insert(c, id, d, text, sha256(text), evidenceSha);
        audit.record("statement.issued", "statement " + id, Map.of("plant", d.plant(), "from", d.from().toString(),
                "to", d.to().toString(), "version", d.version(), "conservative_co2_t", d.totals().conservativeCo2T(),
                "evidence_sha256", evidenceSha));
        return statements.byId(id).orElseThrow();
    }

    /** The days of the period without a figure, or whose figure is not approved, by why; null when none. */
    static Issuance.Refused coverage(LocalDate from, LocalDate to, List<DayRow> days) {
        Map<LocalDate, DayRow> byDay = new java.util.HashMap<>();
        days.forEach(d -> byDay.put(d.day(), d));
        List<LocalDate> missing = new ArrayList<>();
        List<LocalDate> unreviewed = new ArrayList<>();
        List<LocalDate> rejected = new ArrayList<>();
        List<LocalDate> changed = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            DayRow d = byDay.get(day);
            if (d == null) {
                missing.add(day);
                continue;
            }
            switch (d.approvalState()) {
                case UNREVIEWED -> unreviewed.add(day);
                case REJECTED -> rejected.add(day);
                case CHANGED_AFTER_APPROVAL -> changed.add(day);
                case APPROVED -> {
                }
            }
        }
        return missing.isEmpty() && unreviewed.isEmpty() && rejected.isEmpty() && changed.isEmpty() ? null
                : new Issuance.Refused(missing, unreviewed, rejected, changed);
    }

    /** The same figure versions, day for day, as a stored statement's. */
    private static boolean same(List<StatementRepository.StoredDay> before, List<FigureVersion> served) {
        if (before.size() != served.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            StatementRepository.StoredDay b = before.get(i);
            FigureVersion f = served.get(i);
            if (!b.day().equals(f.day()) || b.figureVersion() != f.version()
                    || !b.fingerprint().equals(f.fingerprint())) {
                return false;
            }
        }
        return true;
    }

    public List<Statement> list(String plant) {
        return statements.list(plant);
    }

    public Optional<Statement> byId(long id) {
        return statements.byId(id);
    }

    /** What differs between two statements (of any plant or period): days present in either, and the totals. */
    public Optional<StatementDocument.Changes> compare(long from, long to) {
        Optional<Statement> a = statements.byId(from);
        Optional<Statement> b = statements.byId(to);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return StatementBuilder.compare(a.get(), statements.days(c, from), b.get(), statements.days(c, to));
            }
        }));
    }

    /** The document as issued (its JSON text, byte for byte). */
    public Optional<String> document(long id) {
        return statements.document(id);
    }

    /** What the evidence package of a statement is made of, read again from the immutable records. */
    public Optional<EvidencePackage.Contents> evidence(long id) {
        return statements.document(id).map(text -> {
            try {
                StatementDocument d = json.readValue(text, StatementDocument.class);
                List<FigureVersion> served = new ArrayList<>();
                for (StatementDocument.Day day : d.days()) {
                    served.add(figures.version(d.plant(), day.day(), day.figureVersion()).orElseThrow());
                }
                return new EvidencePackage.Contents(text, d, served);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored statement " + id + " is not JSON", e);
            }
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
