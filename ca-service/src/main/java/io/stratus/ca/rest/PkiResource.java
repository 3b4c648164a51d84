package io.stratus.ca.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.AuthorityService;
import io.stratus.ca.service.CrlService;
import io.stratus.crypto.Pem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** Public, unauthenticated downloads named in certificates: the CA certificate (AIA caIssuers) and its CRL. */
@Path("/pki/{tenant}/{id}")
@PermitAll
@Tag(name = "pki")
public class PkiResource {

    private final AuthorityService authorities;
    private final CrlService crls;

    public PkiResource(AuthorityService authorities, CrlService crls) {
        this.authorities = authorities;
        this.crls = crls;
    }

    @GET
    @Path("/ca.cer")
    @Produces(PkiMediaTypes.PKIX_CERT)
    @Operation(summary = "The CA certificate, DER")
    public Uni<Response> caCertificate(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return authorities.getSigned(tenant, id)
                .map(ca -> Response.ok(Pem.der(Pem.certificate(ca.certificatePem)), PkiMediaTypes.PKIX_CERT).build());
    }

    @GET
    @Path("/crl")
    @Produces(PkiMediaTypes.PKIX_CRL)
    @Operation(summary = "The CA's current CRL, DER")
    public Uni<Response> crl(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return crls.currentCrl(tenant, id).map(der -> Response.ok(der, PkiMediaTypes.PKIX_CRL).build());
    }
}
