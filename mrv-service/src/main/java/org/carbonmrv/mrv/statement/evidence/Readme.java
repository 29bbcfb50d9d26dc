package org.carbonmrv.mrv.statement.evidence;

import java.util.Locale;

import org.carbonmrv.mrv.statement.StatementDocument;

/** The package's README.txt: what each file is, and how the totals follow from the inputs. */
final class Readme {

    private Readme() {
    }

    static String text(StatementDocument s) {
        StatementDocument.Totals t = s.totals();
        return String.join("\r\n",
                "Evidence package of the CO2 removal statement for " + s.plant() + ", " + s.from() + " to " + s.to()
                        + ", version " + s.version() + ",",
                "issued by " + s.issuedBy() + " at " + s.issuedAt() + ".",
                "",
                "Credited (conservative) removal: " + fmt(t.conservativeCo2T()) + " t CO2 = VALID total "
                        + fmt(t.validCo2T()) + " t - k " + t.coverageFactor() + " x u " + fmt(t.uValidCo2T()) + " t,",
                "over " + t.validDays() + " VALID days of " + t.days() + ".",
                "",
                "Files",
                "  manifest.json            every file of this package with its SHA-256 and size; for raw/ files also",
                "                           the upload id, original file name and when the export was generated and",
                "                           received. The SHA-256 of an original file is the one ingest recorded when",
                "                           it was uploaded.",
                "  statement.json           the statement exactly as issued (its SHA-256 is on the statement, and the",
                "                           statement's hash chain covers it and this package's SHA-256).",
                "  figures.csv              each day's figure: the version the statement took, flag, flow, calcium",
                "                           means, CO2, its uncertainty terms and the conservative figure.",
                "  inputs.csv               every input of every day: the record, its upload, file, sheet and row,",
                "                           its value as used (and as the file stated it), its uncertainty, its qaqc",
                "                           flag and reasons, whether it was used and why not.",
                "  methodology.json         the methodologies the figures were computed with: constants, rules and",
                "                           uncertainty treatment.",
                "  approvals.json           the reviewers' decisions that approved the period's days.",
                "  workbook/recompute.xlsx  the same numbers as live formulas: sheet inputs (inputs.csv), days",
                "                           (each day's flow, calcium means, CO2 and uncertainties computed from",
                "                           inputs), totals (the period's totals computed from days), constants",
                "                           (each methodology's constants and the factor they give). Open it in",
                "                           Excel or LibreOffice and recalculate: each computed column stands beside",
                "                           the statement's number.",
                "  raw/<upload id>/<file>   every original file a figure used, byte for byte.",
                "",
                "How the totals follow",
                "  Per day: flow Q (MGD) from the day's operations record; calcium per side the mean of the used",
                "  readings (mg/L); delta = downstream - upstream; CO2 (t) = delta x Q x factor, factor = m3 per",
                "  million gallons x L per m3 x (CaCO3 / Ca) x (CO2 / CaCO3) / 1e9. Uncertainty (first-order GUM):",
                "  per side u = sqrt(sum u_i^2) / n (a reading without its own uncertainty, or censored, gets the",
                "  default relative uncertainty times its value); u_ca = factor x Q x sqrt(u_up^2 + u_down^2);",
                "  u_flow = factor x |delta| x Q x the flow meter's relative uncertainty.",
                "  Period: the VALID days' CO2 summed; u = sqrt(sum u_ca^2 + (sum u_flow)^2) (calcium independent",
                "  between days, the one flow meter's error common to all); conservative = total - k x u.",
                "  statement.json also holds a seeded Monte Carlo propagation of the same model and a sensitivity",
                "  analysis (each input class varied by +/-20 %).",
                "");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
