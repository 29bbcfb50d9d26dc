package org.carbonmrv.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.carbonmrv.common.CopyWriter;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Text values go through COPY unchanged: escapes, non-ASCII, values longer than the writer's buffer. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class CopyWriterTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void textRoundTrips() throws Exception {
        List<String> values = List.of("plain", "tab\there", "line\nbreak", "cr\rlf\r\n", "back\\slash \\N",
                "{\"json\":\"a \\\"quoted\\\" \\\\ value\"}", "Ünïcödé € 😀 \t mixed\\", "", "\\N",
                "x".repeat(200_000) + "\n" + "é".repeat(70_000));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create temporary table copy_text (n int, v text) on commit drop");
            try (CopyWriter out = new CopyWriter(c, "copy_text", "n, v")) {
                for (int i = 0; i < values.size(); i++) {
                    out.number(i).text(values.get(i)).endRow();
                }
                out.number(values.size()).text(null).endRow();
            }
            List<String> back = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select v from copy_text order by n")) {
                while (rs.next()) {
                    back.add(rs.getString(1));
                }
            }
            List<String> expected = new ArrayList<>(values);
            expected.add(null);
            assertEquals(expected, back);
            c.rollback();
        }
    }
}
