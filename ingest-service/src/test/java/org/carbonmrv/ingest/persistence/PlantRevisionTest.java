package org.carbonmrv.ingest.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.plant.PlantRevisions;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A plant's revision moves once for each committed change that names the plant (an accepted upload, once for each
 * of its plants; a registration), at its commit and not before, and not for a rolled-back, refused or repeated
 * upload.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class PlantRevisionTest {

    private static final String HEADER = "unique_id,date,time_analyzed,medium,data_type,data_provider,instrument,"
            + "replicate_num,analytical_session_id,plant_id,unit_type_id,unit_sub_id,measurement_point,"
            + "parameter_name,units,value,uncertainty,source_file,source_sheet,source_col_idx,date_generated,notes,"
            + "flag_match\n";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlantRevisions revisions;

    @Test
    void anAcceptedUploadMovesEachOfItsPlantsOnce() {
        TestPlants.register("PLANT_REV_A", "PLANT_REV_B", "PLANT_REV_C");
        long a = revisions.current("PLANT_REV_A");
        long b = revisions.current("PLANT_REV_B");
        long c = revisions.current("PLANT_REV_C");
        byte[] lab = (HEADER + row("PLANT_REV_A", "42.1") + row("PLANT_REV_B", "40.3"))
                .getBytes(StandardCharsets.UTF_8);
        upload(lab, 201);
        assertEquals(a + 1, revisions.current("PLANT_REV_A"));
        assertEquals(b + 1, revisions.current("PLANT_REV_B"));
        assertEquals(c, revisions.current("PLANT_REV_C"), "a plant the upload does not name");

        upload(lab, 200);
        // refused as a whole: one of its rows names a plant nobody registered
        upload((HEADER + row("PLANT_REV_A", "41.7") + row("PLANT_REV_NOWHERE", "39.0"))
                .getBytes(StandardCharsets.UTF_8), 422);
        assertEquals(a + 1, revisions.current("PLANT_REV_A"), "a repeated and a refused upload change nothing");
        assertEquals(b + 1, revisions.current("PLANT_REV_B"));
    }

    @Test
    void aRegistrationMovesThePlantAtItsCommitAndARollbackMovesNothing() throws SQLException {
        TestPlants.register("PLANT_REV_D");
        long before = revisions.current("PLANT_REV_D");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            newVersion(c, 90);
            assertEquals(before, revisions.current("PLANT_REV_D"), "not before the commit");
            c.commit();
            assertEquals(before + 1, revisions.current("PLANT_REV_D"));
            newVersion(c, 91);
            c.rollback();
            c.setAutoCommit(true);
        }
        assertEquals(before + 1, revisions.current("PLANT_REV_D"));
        assertEquals(0, revisions.current("PLANT_NEVER_SEEN"));
    }

    private static String row(String plant, String value) {
        return plant + "_primary_clarifier_20240702_01,2024-07-02,2024-09-10,aqueous,deployment,CREW,IC,1,S1,"
                + plant + ",primary_clarifier,,outlet,calcium,mg/L," + value + ",,raw.csv,sheet,,1900-01-01,,TRUE\n";
    }

    private static void upload(byte[] csv, int status) {
        given().multiPart("file", "IC_calcium_rev.csv", csv).post("/api/v1/uploads").then().statusCode(status);
    }

    private static void newVersion(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ingest.plant_version (plant, version, "
                + "display_name, time_zone, upstream_point, downstream_point, created_by) values ('PLANT_REV_D', ?, "
                + "'D', 'UTC', 'primary_clarifier', 'secondary_clarifier', 'test')")) {
            ps.setInt(1, version);
            ps.executeUpdate();
        }
    }
}
