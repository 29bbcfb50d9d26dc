package org.carbonmrv.ingest.layout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The current version of each layout profile, and detection of a file's layout from its content. */
@ApplicationScoped
public class LayoutService {

    private final org.carbonmrv.common.security.Audit audit;
    private final LayoutRepository layouts;

    public LayoutService(org.carbonmrv.common.security.Audit audit, LayoutRepository layouts) {
        this.audit = audit;
        this.layouts = layouts;
    }

    /** Latest version of every profile. */
    public List<LayoutProfile> current() {
        return layouts.current();
    }

    public Optional<LayoutProfile> current(String id) {
        return layouts.current(id);
    }

    public List<LayoutProfile> versions(String id) {
        return layouts.versions(id);
    }

    /** A new version of a profile (version 1 when the id is new). */
    @Transactional
    public LayoutProfile save(String id, String recordType, String format, LayoutDefinition definition) {
        LayoutProfile p = layouts.insert(id, recordType, format, definition);
        audit.record("layout.put", "layout " + id + " v" + p.version(), Map.of("record_type", recordType,
                "format", format));
        return p;
    }

    /**
     * CSV profiles whose detection headers are all in {@code header}; when none is, the profile that finds most of
     * its columns (at least half) so that the parser can say which columns are missing.
     */
    public static List<LayoutProfile> matchCsv(Collection<LayoutProfile> profiles, List<String> header) {
        List<LayoutProfile> csv = profiles.stream().filter(p -> !p.isWorkbook()).toList();
        List<LayoutProfile> full = csv.stream().filter(p -> p.definition().detect().requiredHeaders() != null
                && header.containsAll(p.definition().detect().requiredHeaders())).collect(Collectors.toList());
        if (!full.isEmpty()) {
            return full;
        }
        LayoutProfile best = null;
        double bestShare = 0.5;
        for (LayoutProfile p : csv) {
            double share = p.definition().columns().values().stream().filter(header::contains).count()
                    / (double) p.definition().columns().size();
            if (share >= bestShare) {
                best = p;
                bestShare = share;
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    /** Workbook profiles whose sheet is in {@code sheets}. */
    public static List<LayoutProfile> matchWorkbook(Collection<LayoutProfile> profiles, List<String> sheets) {
        return profiles.stream().filter(LayoutProfile::isWorkbook)
                .filter(p -> p.definition().detect().sheetName() != null
                        && sheets.contains(p.definition().detect().sheetName()))
                .collect(Collectors.toList());
    }
}
