package org.carbonmrv.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.persistence.BlobStore;
import org.carbonmrv.ingest.upload.Upload;
import org.carbonmrv.ingest.persistence.Page;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.PlantVersion;
import org.carbonmrv.ingest.upload.UploadOutcome;
import org.carbonmrv.ingest.upload.UploadRepository;
import org.carbonmrv.ingest.upload.UploadService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.carbonmrv.common.problem.Problem;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "uploads", description = "Plant, lab and sensor exports: upload, status, original bytes")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class UploadResource {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private final UploadService uploads;
    private final BlobStore blobs;
    private final IngestConfig config;
    private final Validator validator;
    private final UploadRepository uploadRepository;
    private final PlantService plants;

    public UploadResource(UploadService uploads, BlobStore blobs, IngestConfig config, Validator validator,
            UploadRepository uploadRepository, PlantService plants) {
        this.plants = plants;
        this.uploadRepository = uploadRepository;
        this.uploads = uploads;
        this.blobs = blobs;
        this.config = config;
        this.validator = validator;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one export", description = "Layout detected from the content (lab-calcium, "
            + "sensor-ph, ops-operator-daily, ops-mpor); 'kind' overrides detection; 'plant' is required when the "
            + "file does not name its plant. The same bytes again return the existing upload with 200 (409 when the request names another plant). A CSV is "
            + "parsed while it arrives when 'kind' and 'plant' come before 'file' (or are not sent).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Accepted: records stored")
    @APIResponse(responseCode = "200", description = "These bytes were already accepted: the existing upload")
    @APIResponse(responseCode = "400", description = "Missing file, plant or kind, or a malformed multipart body "
            + "(problem+json)")
    @APIResponse(responseCode = "409", description = "These bytes were accepted for another plant than the one the "
            + "request names (problem+json); recorded as REJECTED")
    @APIResponse(responseCode = "413", description = "File larger than the limit (problem+json)")
    @APIResponse(responseCode = "422", description = "File cannot be ingested: row, column and reason "
            + "(problem+json); recorded as REJECTED")
    public Response upload(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        UploadOutcome outcome;
        try (UploadReception reception = new UploadReception(uploads, config, validator)) {
            outcome = reception.receive(contentType, body);
        }
        if (outcome instanceof UploadOutcome.Accepted a) {
            UploadView view = view(a.upload());
            return Response.created(URI.create("/api/v1/uploads/" + view.id())).entity(view).build();
        }
        if (outcome instanceof UploadOutcome.Repeated r) {
            return Response.ok(view(r.existing())).build();
        }
        if (outcome instanceof UploadOutcome.Rejected r) {
            return rejected(r).toResponse();
        }
        throw Problem.status(400).title("Bad upload request").detail("the request ended before the file did").build();
    }

    /** A refused upload as problem+json: the recorded upload's id and each problem found. */
    private static Problem rejected(UploadOutcome.Rejected r) {
        String title = switch (r.refusal().status()) {
            case 400 -> "Upload request incomplete";
            case 413 -> "Upload too large";
            default -> "File cannot be ingested";
        };
        return Problem.status(r.refusal().status()).title(title).detail(r.refusal().reason())
                .with("upload_id", r.recorded().id()).with("upload", "/api/v1/uploads/" + r.recorded().id())
                .with("error_count", r.refusal().total()).with("errors", r.refusal().problems()).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Status of one upload: kind, plant, counts, warnings and errors")
    public UploadView get(@PathParam("id") long id) {
        return view(find(id));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Path("/{id}/file")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/problem+json"})
    @Operation(summary = "The original bytes of an upload, unchanged")
    public Response file(@PathParam("id") long id) {
        Upload u = find(id);
        if (!u.bytesStored()) {
            // built here, not thrown: this method produces octet-stream, whose writer cannot carry a problem
            return Response.status(Response.Status.GONE).type("application/problem+json")
                    .entity(Map.of("status", 410, "title", "Bytes not kept", "detail",
                            "upload " + id + " was refused for its size; its bytes were not stored"))
                    .build();
        }
        StreamingOutput body = out -> blobs.copyTo(u.sha256(), out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"upload-" + id + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(u.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                .header("Content-Length", u.sizeBytes()).header("X-Content-SHA256", u.sha256()).build();
    }

    @GET
    @Operation(summary = "List uploads, newest first", description = "Filters: plant, kind, status, "
            + "received_from/received_to (ISO-8601 instants); paging with page (0-based) and size")
    public Page<UploadView> list(@QueryParam("plant") @Pattern(regexp = NAME) String plant,
            @QueryParam("kind") @Pattern(regexp = NAME) String kind,
            @QueryParam("status") @Pattern(regexp = "ACCEPTED|REJECTED") String status,
            @QueryParam("received_from") OffsetDateTime from, @QueryParam("received_to") OffsetDateTime to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return uploadRepository.list(new UploadRepository.UploadQuery(plant, kind, status == null ? null
                : Upload.Status.valueOf(status), from, to, page, size)).map(this::view);
    }

    private UploadView view(Upload u) {
        return UploadView.of(u, plant -> plants.current(plant).map(PlantVersion::zone).orElse(ZoneOffset.UTC));
    }

    private Upload find(long id) {
        return uploadRepository.byId(id).orElseThrow(() -> Problem.notFound("No such upload", "upload " + id
                + " does not exist"));
    }

    /** The file name is kept as a label only (never used as a path): strip any directory part and controls. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = base.replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "unnamed";
        }
        return base.length() > 255 ? base.substring(0, 255) : base;
    }
}
