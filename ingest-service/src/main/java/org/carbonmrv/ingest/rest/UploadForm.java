package org.carbonmrv.ingest.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The parts of an upload request (multipart/form-data), as documented and validated. */
@Schema(name = "UploadForm", description = "An export file, with the layout and plant when they must be given")
public record UploadForm(
        @Schema(type = SchemaType.STRING, format = "binary", description = "The export, unchanged",
                required = true)
        @NotNull(message = "the 'file' part is required")
        String file,
        @Schema(description = "Layout id (lab-calcium, sensor-ph, ops-operator-daily, ops-mpor); detected when "
                + "absent", examples = "sensor-ph")
        @Pattern(regexp = UploadResource.NAME, message = "must be a layout id")
        String kind,
        @Schema(description = "Plant id; required when the file does not name its plant", examples = "PLANT_A")
        @Pattern(regexp = UploadResource.NAME, message = "must be a plant id: letters, digits, _ . -")
        String plant) {
}
