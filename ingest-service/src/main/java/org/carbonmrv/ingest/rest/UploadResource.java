package org.carbonmrv.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
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
import org.carbonmrv.ingest.upload.ReceivedFile;
import org.carbonmrv.ingest.upload.Upload;
import org.carbonmrv.ingest.upload.UploadService;
import org.carbonmrv.ingest.upload.UploadService.IncomingFile;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
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
    private final ManagedExecutor executor;

    public UploadResource(UploadService uploads, BlobStore blobs, IngestConfig config, Validator validator,
            ManagedExecutor executor) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.config = config;
        this.validator = validator;
        this.executor = executor;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one export", description = "Layout detected from the content (lab-calcium, "
            + "sensor-ph, ops-operator-daily, ops-mpor); 'kind' overrides detection; 'plant' is required when the "
            + "file does not name its plant. The same bytes again return the existing upload with 200. A CSV is "
            + "parsed while it arrives when 'kind' and 'plant' come before 'file' (or are not sent).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Accepted: records stored")
    @APIResponse(responseCode = "200", description = "These bytes were already accepted: the existing upload")
    @APIResponse(responseCode = "400", description = "Missing file, plant or kind, or a malformed multipart body "
            + "(problem+json)")
    @APIResponse(responseCode = "413", description = "File larger than the limit (problem+json)")
    @APIResponse(responseCode = "422", description = "File cannot be ingested: row, column and reason "
            + "(problem+json); recorded as REJECTED")
    public Response upload(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        String boundary = UploadRequestReader.boundary(contentType);
        if (boundary == null) {
            throw badRequest("the body must be multipart/form-data with a boundary");
        }
        Map<String, String> fields = new java.util.HashMap<>();
        CompletableFuture<Boolean> firstStands = new CompletableFuture<>();
        ReceivedFile[] received = new ReceivedFile[1];
        UploadRequestReader.Part[] filePart = new UploadRequestReader.Part[1];
        IncomingFile[] first = new IncomingFile[1];
        Future<UploadService.Outcome>[] speculative = new Future[1];
        try {
            try {
                UploadRequestReader.read(body, boundary, (part, partBody) -> {
                    if ("file".equals(part.name()) && received[0] != null) {
                        throw new java.io.IOException("more than one 'file' part: one upload is one file");
                    }
                    if ("file".equals(part.name()) && part.isFile()) {
                        received[0] = ReceivedFile.create(config.uploadsDirectory(), config.maxUploadBytes());
                        filePart[0] = part;
                        if (validator.validate(form(true, fields)).isEmpty()) {
                            // parsed while it arrives, with the fields sent so far (usually all of them)
                            first[0] = incoming(received[0], part, fields, firstStands);
                            speculative[0] = executor.submit(() -> uploads.ingest(first[0]));
                        }
                        try (OutputStream out = received[0].appender()) {
                            partBody.copyTo(out);
                        }
                        received[0].complete();
                    } else if (("kind".equals(part.name()) || "plant".equals(part.name())) && !part.isFile()) {
                        fields.put(part.name(), partBody.text(256));
                    }
                });
            } catch (IOException e) {
                if (received[0] != null) {
                    received[0].fail(e);
                }
                throw badRequest("unreadable multipart body: " + e.getMessage());
            }
            Set<ConstraintViolation<UploadForm>> violations = validator.validate(form(received[0] != null, fields));
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            IncomingFile complete = incoming(received[0], filePart[0], fields, CompletableFuture.completedFuture(true));
            // the first ingest counts unless a field after the file part changed what it was started with
            boolean firstCounts = first[0] != null && java.util.Objects.equals(first[0].kind(), complete.kind())
                    && java.util.Objects.equals(first[0].plant(), complete.plant());
            firstStands.complete(firstCounts);
            UploadService.Outcome outcome;
            if (firstCounts) {
                outcome = result(speculative[0]);
            } else {
                awaitQuietly(speculative[0]);
                outcome = uploads.ingest(complete);
            }
            UploadView view = UploadView.of(outcome.upload());
            return outcome.created()
                    ? Response.created(URI.create("/api/v1/uploads/" + view.id())).entity(view).build()
                    : Response.ok(view).build();
        } finally {
            firstStands.complete(false); // no-op once decided
            awaitQuietly(speculative[0]);
            if (received[0] != null) {
                received[0].close();
            }
        }
    }

    private static UploadForm form(boolean hasFile, Map<String, String> fields) {
        return new UploadForm(hasFile ? "(file)" : null, fields.get("kind"), fields.get("plant"));
    }

    private static IncomingFile incoming(ReceivedFile content, UploadRequestReader.Part part, Map<String, String> fields,
            java.util.concurrent.CompletionStage<Boolean> stands) {
        return new IncomingFile(content, safeName(part.fileName()), part.contentType(), blankToNull(fields.get("kind")),
                blankToNull(fields.get("plant")), stands);
    }

    private static UploadService.Outcome result(Future<UploadService.Outcome> ingest) {
        try {
            return ingest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for an ingest whose result is not used (it writes nothing once it learns that). */
    private static void awaitQuietly(Future<?> ingest) {
        if (ingest != null) {
            try {
                ingest.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // superseded, or failed with the malformed request: the answer comes from elsewhere
            }
        }
    }

    private static HttpProblem badRequest(String detail) {
        return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad upload request")
                .withDetail(detail).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Status of one upload: kind, plant, counts, warnings and errors")
    public UploadView get(@PathParam("id") long id) {
        return UploadView.of(find(id));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Path("/{id}/file")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/problem+json"})
    @Operation(summary = "The original bytes of an upload, unchanged")
    public Response file(@PathParam("id") long id) {
        Upload u = find(id);
        if (!u.bytesStored) {
            // built here, not thrown: this method produces octet-stream, whose writer cannot carry a problem
            return Response.status(Response.Status.GONE).type("application/problem+json")
                    .entity(Map.of("status", 410, "title", "Bytes not kept", "detail",
                            "upload " + id + " was refused for its size; its bytes were not stored"))
                    .build();
        }
        StreamingOutput body = out -> blobs.copyTo(u.sha256, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"upload-" + id + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(u.fileName, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                .header("Content-Length", u.sizeBytes).header("X-Content-SHA256", u.sha256).build();
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
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (plant != null) {
            where.add("array_contains(plants, :plant)");
            params.put("plant", plant);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.put("kind", kind);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", Upload.Status.valueOf(status));
        }
        if (from != null) {
            where.add("receivedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("receivedAt < :to");
            params.put("to", to);
        }
        PanacheQuery<Upload> q = Upload.find(String.join(" and ", where), Sort.descending("id"), params);
        Page<Upload> p = Page.of(q, page, size);
        return new Page<>(p.items().stream().map(UploadView::of).toList(), page, size, p.total());
    }

    private static Upload find(long id) {
        Upload u = Upload.findById(id);
        if (u == null) {
            throw HttpProblem.builder().withStatus(Response.Status.NOT_FOUND).withTitle("No such upload")
                    .withDetail("upload " + id + " does not exist").build();
        }
        return u;
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
