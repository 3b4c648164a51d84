package io.stratus.ca.rest;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.mapping.AuthorityMapper;
import io.stratus.ca.rest.dto.AuthorityResponse;
import io.stratus.ca.rest.dto.CreateAuthorityRequest;
import io.stratus.ca.rest.dto.RenewAuthorityRequest;
import io.stratus.ca.rest.dto.RevokeRequest;
import io.stratus.ca.rest.dto.UploadCertificateRequest;
import io.stratus.ca.service.AuthorityLifecycle;
import io.stratus.ca.service.AuthorityService;
import io.stratus.ca.service.CaRenewal;
import io.stratus.ca.service.ExternalAuthorities;
import io.stratus.ca.service.ExternalRenewal;
import io.stratus.platform.rest.ProblemException;
import io.stratus.platform.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
    private final AuthorityLifecycle lifecycle;
    private final ExternalAuthorities external;
    private final AuthorityMapper mapper;
    private final Callers callers;
    private final CaRenewal renewal;
    private final ExternalRenewal externalRenewal;

    public AuthorityResource(AuthorityService authorities, AuthorityLifecycle lifecycle,
            ExternalAuthorities external, AuthorityMapper mapper, Callers callers, CaRenewal renewal,
            ExternalRenewal externalRenewal) {
        this.renewal = renewal;
        this.externalRenewal = externalRenewal;
        this.authorities = authorities;
        this.lifecycle = lifecycle;
        this.external = external;
        this.mapper = mapper;
        this.callers = callers;
    }

    @POST
    @RolesAllowed(CaRoles.CA_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a root or issuing CA")
    public Uni<Response> create(@PathParam("tenant") String tenant, CreateAuthorityRequest body, UriInfo uri) {
        return authorities.create(tenant, body, callers.current()).chain(authorities::withGenerations).map(created -> Response
                .created(URI.create(uri.getAbsolutePath().toString() + "/" + created.id))
                .entity(mapper.toResponse(created))
                .build());
    }

    @GET
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the CAs of a tenant")
    public Uni<List<AuthorityResponse>> list(@PathParam("tenant") String tenant) {
        return authorities.list(tenant).chain(authorities::withGenerations)
                .map(all -> all.stream().map(mapper::toResponse).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get one CA")
    public Uni<AuthorityResponse> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return authorities.get(tenant, id).chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @GET
    @Path("/{id}/certificate")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces({PkiMediaTypes.PEM, PkiMediaTypes.PKIX_CERT, PkiMediaTypes.PKCS7_CERTIFICATES})
    @Operation(summary = "The CA certificate: PEM (default), DER (.cer) or the full chain as certs-only PKCS#7 (.p7b);"
            + " ?generation=N for an earlier or announced certificate (default: the current one)")
    public Uni<Response> certificate(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("format") String format, @QueryParam("generation") String generation) {
        CertificateDownload.Format checked = CertificateDownload.Format.parse(format);
        return authorities.chain(tenant, id, Generations.parse(generation))
                .map(chain -> CertificateDownload.of(chain, checked));
    }

    @GET
    @Path("/{id}/chain")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(PkiMediaTypes.PEM)
    @Operation(summary = "PEM chain: the CA first, then its issuers up to the root")
    public Uni<Response> chain(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("generation") String generation) {
        return authorities.chain(tenant, id, Generations.parse(generation))
                .map(chain -> Response.ok(AuthorityService.chainPem(chain), PkiMediaTypes.PEM).build());
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(CaRoles.CA_MANAGE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause an ACTIVE CA: it issues nothing but keeps serving its CRL and certificate")
    public Uni<AuthorityResponse> pause(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return lifecycle.pause(tenant, id, callers.current()).chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(CaRoles.CA_MANAGE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a PAUSED CA")
    public Uni<AuthorityResponse> resume(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return lifecycle.resume(tenant, id, callers.current()).chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(CaRoles.CA_MANAGE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a PAUSED CA whose certificates (or issuing CAs) are all revoked; it goes onto its"
            + " parent's CRL")
    public Uni<AuthorityResponse> revoke(@PathParam("tenant") String tenant, @PathParam("id") String id,
            RevokeRequest body) {
        return lifecycle.revoke(tenant, id, body == null ? null : body.reason(), callers.current())
                .chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @GET
    @Path("/{id}/csr")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(PkiMediaTypes.PKCS10)
    @Operation(summary = "The PKCS#10 request of an external CA, for your root to sign")
    public Uni<Response> csr(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return authorities.get(tenant, id).map(ca -> {
            if (ca.csrPem == null) {
                throw ProblemException.conflict("CA " + id + " is not external: Stratus signed it, it has no CSR");
            }
            return Response.ok(ca.csrPem, PkiMediaTypes.PKCS10).header("Content-Disposition",
                    "attachment; filename=\"" + CertificateDownload.fileName(ca) + ".csr\"").build();
        });
    }

    @POST
    @Path("/{id}/certificate")
    @RolesAllowed(CaRoles.CA_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload the externally signed certificate and chain of a CA in SIGNING_REQUIRED")
    public Uni<AuthorityResponse> upload(@PathParam("tenant") String tenant, @PathParam("id") String id,
            UploadCertificateRequest body) {
        UploadCertificateRequest upload = UploadCertificateRequest.required(body);
        return external.activate(tenant, id, upload.certificate(), upload.chain(), callers.current())
                .chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @POST
    @Path("/{id}/renew")
    @RolesAllowed(CaRoles.CA_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Renew an ACTIVE or PAUSED CA in place: a new certificate generation with the same or a new"
            + " key; activate=false only announces it (GetNextCACert) until POST .../renewal/activate. An external"
            + " CA's next generation first waits for its signature (GET .../renewal/csr, POST .../renewal/upload)")
    public Uni<AuthorityResponse> renew(@PathParam("tenant") String tenant, @PathParam("id") String id,
            RenewAuthorityRequest body) {
        return authorities.get(tenant, id).chain(ca -> ca.external
                ? externalRenewal.request(tenant, id, body, callers.current()).chain(authorities::withGenerations)
                : renewal.renew(tenant, id, body, callers.current())).map(mapper::toResponse);
    }

    @GET
    @Path("/{id}/renewal/csr")
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(PkiMediaTypes.PKCS10)
    @Operation(summary = "The PKCS#10 request of an external CA's renewal (its next key), for your root to sign")
    public Uni<Response> renewalCsr(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return externalRenewal.csr(tenant, id).chain(csr -> authorities.get(tenant, id)
                .map(ca -> Response.ok(csr, PkiMediaTypes.PKCS10).header("Content-Disposition", "attachment;"
                        + " filename=\"" + CertificateDownload.fileName(ca) + "-renewal.csr\"").build()));
    }

    @POST
    @Path("/{id}/renewal/upload")
    @RolesAllowed(CaRoles.CA_CREATE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload the externally signed certificate and chain of an external CA's renewal; it is then"
            + " announced, or in use when the renew asked activate:true")
    public Uni<AuthorityResponse> uploadRenewal(@PathParam("tenant") String tenant, @PathParam("id") String id,
            UploadCertificateRequest body) {
        UploadCertificateRequest upload = UploadCertificateRequest.required(body);
        return externalRenewal.upload(tenant, id, upload.certificate(), upload.chain(), callers.current())
                .chain(authorities::withGenerations).map(mapper::toResponse);
    }

    @POST
    @Path("/{id}/renewal/activate")
    @RolesAllowed(CaRoles.CA_CREATE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put the announced certificate of a renewal in use")
    public Uni<AuthorityResponse> activateRenewal(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return renewal.activate(tenant, id, callers.current()).map(mapper::toResponse);
    }

    @DELETE
    @Path("/{id}/renewal")
    @RolesAllowed(CaRoles.CA_CREATE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a renewal before it is activated (announced, or still waiting for its external"
            + " signature)")
    public Uni<AuthorityResponse> cancelRenewal(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return renewal.cancel(tenant, id, callers.current()).map(mapper::toResponse);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(CaRoles.CA_MANAGE)
    @Operation(summary = "Delete a revoked issuing CA, or a root whose issuing CAs are deleted")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return lifecycle.delete(tenant, id, callers.current()).map(ignored -> Response.noContent().build());
    }
}
