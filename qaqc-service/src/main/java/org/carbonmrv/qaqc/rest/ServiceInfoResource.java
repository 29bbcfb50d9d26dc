package org.carbonmrv.qaqc.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this service is; its API arrives with the qaqc-service issue. */
@Path("/api/v1/info")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "info")
public class ServiceInfoResource {

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @GET
    @Operation(summary = "Name and schema of this service")
    public Map<String, String> info() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("service", name);
        out.put("schema", "qaqc");
        return out;
    }
}
