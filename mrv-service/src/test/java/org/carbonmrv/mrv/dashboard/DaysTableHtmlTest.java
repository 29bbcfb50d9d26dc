package org.carbonmrv.mrv.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The days table's rows written by hand against the same rows through the Qute template they replace
 * ({@code src/test/resources/templates/reference/days.html}, the view's row template as it was), character for
 * character: every flag and approval state, missing and signed numbers, and texts with each character HTML escapes.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class DaysTableHtmlTest {

    private static final String[] TEXTS = {"", "calcium rose by 4.967311225210537 mg/L", "a & b < c > d \"e\" 'f'",
        "</td></tr><script>alert(1)</script>", "é — ₂ 🔒", "PLANT_A", "P&<>\"'"};

    @Inject
    Engine engine;

    @Test
    void rowsAreTheTemplatesCharacterForCharacter() {
        Random random = new Random(20_261_204L);
        for (int c = 0; c < 40; c++) {
            List<DayRow> rows = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                rows.add(row(random));
            }
            String root = random.nextBoolean() ? "" : TEXTS[random.nextInt(TEXTS.length)];
            String expected = engine.getTemplate("reference/days").data("root", root).data("days", rows).render();
            assertEquals(expected, DaysTableHtml.rows(root, rows), "case " + c);
        }
        String one = DaysTableHtml.rows("", List.of(row(new Random(1))));
        assertTrue(one.startsWith("    <tr data-day=\""), one);
    }

    private static DayRow row(Random r) {
        RemovalFlag[] flags = RemovalFlag.values();
        ApprovalState[] states = ApprovalState.values();
        String plant = TEXTS[r.nextInt(TEXTS.length)];
        String message = r.nextInt(5) == 0 ? null : TEXTS[r.nextInt(TEXTS.length)];
        return new DayRow(plant, LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2000)), flags[r.nextInt(flags.length)],
                number(r), number(r), number(r), number(r), number(r), number(r), number(r), number(r), number(r),
                r.nextBoolean(), states[r.nextInt(states.length)], 1 + r.nextInt(9), null, message, 2, 2, List.of(1),
                1, OffsetDateTime.of(2024, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC), 1, null);
    }

    private static Double number(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> -r.nextDouble() * 10;
            case 2 -> r.nextDouble() * 1e7;
            default -> r.nextDouble();
        };
    }
}
