package org.carbonmrv.ingest.parse;

import java.time.LocalDate;

import org.carbonmrv.ingest.plant.PlantVersion;
import org.carbonmrv.ingest.plant.Plants;

/**
 * The plant of each row: the file's own plant column wins; an upload's contradicting plant is an error; a plant the
 * registry does not know is an error naming it (and how to register it); a day outside the plant's active period is
 * an error. The previous row's answer is reused: most files name one plant throughout.
 */
final class RowPlants {

    private final ParseContext ctx;
    private final String column;
    private String lastText;
    private String lastPlant;

    RowPlants(ParseContext ctx, String column) {
        this.ctx = ctx;
        this.column = column;
    }

    /** The row's plant, or null when the row is refused (reported). */
    String of(String fromFile, long line, ParseReport report) {
        if (lastText != null && lastText.equals(fromFile)) {
            return lastPlant;
        }
        String plant = resolve(fromFile, line, report);
        lastText = fromFile;
        lastPlant = plant;
        return plant;
    }

    private String resolve(String fromFile, long line, ParseReport report) {
        String given = ctx.givenPlant();
        String plant;
        if (Values.isBlank(fromFile)) {
            if (given == null) {
                report.error(ParseProblem.at(line, column, "no plant: the row names none and the upload gave none"));
                return null;
            }
            plant = given;
        } else if (given != null && !given.equals(fromFile)) {
            report.error(ParseProblem.at(line, column, "the file names plant '" + fromFile + "' but the upload says '"
                    + given + "'"));
            return null;
        } else {
            plant = fromFile;
        }
        if (ctx.plant(plant).isEmpty()) {
            report.error(ParseProblem.at(line, column, Plants.notRegistered(plant)));
            return null;
        }
        return plant;
    }

    /** Whether a day is inside the plant's active period; reports the row otherwise. */
    boolean inActivePeriod(String plant, LocalDate day, long line, String dayColumn, ParseReport report) {
        PlantVersion p = ctx.plant(plant).orElseThrow();
        String outside = p.outsideActivePeriod(day);
        if (outside != null) {
            report.error(ParseProblem.at(line, dayColumn, outside));
            return false;
        }
        return true;
    }
}
