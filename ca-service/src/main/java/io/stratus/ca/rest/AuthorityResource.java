package io.stratus.ca.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.mapping.AuthorityMapper;
import io.stratus.ca.rest.dto.AuthorityResponse;
import io.stratus.ca.rest.dto.CreateAuthorityRequest;
import io.stratus.ca.service.AuthorityService;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Admin API for CAs of a tenant; the tenant filter of libs/platform checks the token's tenants. */
@Path("/api/v1/tenants/{tenant}/authorities")
@Tag(name = "authorities")
public class AuthorityResource {

    private final AuthorityService authorities;
    private final AuthorityMapper mapper;

    public AuthorityResource(AuthorityService authorities, AuthorityMapper mapper) {
        this.authorities = authorities;
        this.mapper = mapper;
    }

    @POST
    @RolesAllowed(CaRoles.CA_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a root or issuing CA")
    public Uni<Response> create(@PathParam("tenant") String tenant, CreateAuthorityRequest body, UriInfo uri) {
        return authorities.create(tenant, body).map(created -> Response
                .created(URI.create(uri.getAbsolutePath().toString() + "/" + created.id))
                .entity(mapper.toResponse(created))
                .build());
    }

    @GET
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the CAs of a tenant")
    public Uni<List<AuthorityResponse>> list(@PathParam("tenant") String tenant) {
        return authorities.list(tenant).map(all -> all.stream().map(mapper::toResponse).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get one CA")
    public Uni<AuthorityResponse> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return authorities.get(tenant, id).map(mapper::toResponse);
    }

    @GET
    @Path("/{id}/certificate")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces({PkiMediaTypes.PEM, PkiMediaTypes.PKIX_CERT})
    @Operation(summary = "The CA certificate, PEM (default) or DER")
    public Uni<Response> certificate(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("format") String format) {
        boolean der = isDer(format);
        return authorities.get(tenant, id).map(ca -> der
                ? Response.ok(Pem.der(Pem.certificate(ca.certificatePem)), PkiMediaTypes.PKIX_CERT)
                        .header("Content-Disposition", "attachment; filename=\"" + ca.id + ".cer\"").build()
                : Response.ok(ca.certificatePem, PkiMediaTypes.PEM)
                        .header("Content-Disposition", "attachment; filename=\"" + ca.id + ".pem\"").build());
    }

    @GET
    @Path("/{id}/chain")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(PkiMediaTypes.PEM)
    @Operation(summary = "PEM chain: the CA first, then its issuers up to the root")
    public Uni<Response> chain(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return authorities.chain(tenant, id)
                .map(chain -> Response.ok(AuthorityService.chainPem(chain), PkiMediaTypes.PEM).build());
    }

    private static boolean isDer(String format) {
        String value = format == null ? "pem" : format.trim().toLowerCase(Locale.ROOT);
        if (value.equals("pem") || value.isEmpty()) {
            return false;
        }
        if (value.equals("der")) {
            return true;
        }
        throw ProblemException.badRequest("format must be pem or der");
    }
}
