package io.stratus.ca.rest;

import java.util.Base64;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.AuthorityService;
import io.stratus.ca.service.CrlService;
import io.stratus.ca.service.KeyCertificates;
import io.stratus.ca.service.ocsp.OcspService;
import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Public, unauthenticated downloads named in certificates, one per key generation of the CA (as ADCS does): the AIA
 * caIssuers certificate ({@code ca.cer} for the first key, {@code ca/N.cer} for a key introduced by renewal N; each
 * the newest certificate of that key; {@code ca.cer?generation=N} for one exact generation) and the CRL
 * ({@code crl}, {@code crl/N}), and the OCSP responder ({@code ocsp}: POST, or GET with the base64 request in the
 * path, RFC 6960 appendix A).
 */
@Path("/pki/{tenant}/{id}")
@PermitAll
@Tag(name = "pki")
public class PkiResource {

    private final AuthorityService authorities;
    private final KeyCertificates keyCertificates;
    private final CrlService crls;
    private final OcspService ocsp;

    public PkiResource(AuthorityService authorities, KeyCertificates keyCertificates, CrlService crls,
            OcspService ocsp) {
        this.authorities = authorities;
        this.keyCertificates = keyCertificates;
        this.crls = crls;
        this.ocsp = ocsp;
    }

    @GET
    @Path("/ca.cer")
    @Produces(PkiMediaTypes.PKIX_CERT)
    @Operation(summary = "The newest certificate of the CA's first key, DER; ?generation=N for exactly generation N")
    public Uni<Response> caCertificate(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("generation") String generation) {
        Integer exact = Generations.parse(generation);
        if (exact != null) {
            return authorities.chain(tenant, id, exact).map(chain -> certificate(
                    Pem.der(Pem.certificate(chain.get(0).certificatePem))));
        }
        return keyCertificates.newestDer(tenant, id, 1).map(PkiResource::certificate);
    }

    @GET
    @Path("/ca/{keyGeneration}.cer")
    @Produces(PkiMediaTypes.PKIX_CERT)
    @Operation(summary = "The newest certificate of one key generation of the CA (a renewal with a new key starts one),"
            + " DER")
    public Uni<Response> caCertificateOfKey(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("keyGeneration") String keyGeneration) {
        int parsed = keyGeneration(keyGeneration);
        return keyCertificates.newestDer(tenant, id, parsed).map(PkiResource::certificate);
    }

    @GET
    @Path("/crl")
    @Produces(PkiMediaTypes.PKIX_CRL)
    @Operation(summary = "The CRL of the CA's first key, DER")
    public Uni<Response> crl(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return crls.currentCrl(tenant, id).map(der -> Response.ok(der, PkiMediaTypes.PKIX_CRL).build());
    }

    @GET
    @Path("/crl/{keyGeneration}")
    @Produces(PkiMediaTypes.PKIX_CRL)
    @Operation(summary = "The CRL of one key generation of the CA (a renewal with a new key starts one), DER")
    public Uni<Response> crlOfKey(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("keyGeneration") String keyGeneration) {
        int parsed = keyGeneration(keyGeneration);
        return crls.currentCrl(tenant, id, parsed).map(der -> Response.ok(der, PkiMediaTypes.PKIX_CRL).build());
    }

    @GET
    @Path("/crl/delta")
    @Produces(PkiMediaTypes.PKIX_CRL)
    @Operation(summary = "The delta CRL of the CA's first key (revocations since its base complete CRL), DER")
    public Uni<Response> deltaCrl(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return crls.currentDelta(tenant, id, 1).map(der -> Response.ok(der, PkiMediaTypes.PKIX_CRL).build());
    }

    @GET
    @Path("/crl/{keyGeneration}/delta")
    @Produces(PkiMediaTypes.PKIX_CRL)
    @Operation(summary = "The delta CRL of one key generation of the CA, DER")
    public Uni<Response> deltaCrlOfKey(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("keyGeneration") String keyGeneration) {
        int parsed = keyGeneration(keyGeneration);
        return crls.currentDelta(tenant, id, parsed).map(der -> Response.ok(der, PkiMediaTypes.PKIX_CRL).build());
    }

    @POST
    @Path("/ocsp")
    @Consumes(MediaType.WILDCARD)
    @Produces(PkiMediaTypes.OCSP_RESPONSE)
    @Operation(summary = "OCSP (RFC 6960): the status of certificates of this CA; the body is a DER OCSPRequest")
    public Uni<Response> ocsp(@PathParam("tenant") String tenant, @PathParam("id") String id, byte[] request) {
        return ocsp.answer(tenant, id, request == null ? new byte[0] : request).map(PkiResource::ocspResponse);
    }

    @GET
    @Path("/ocsp/{request: .+}")
    @Produces(PkiMediaTypes.OCSP_RESPONSE)
    @Operation(summary = "OCSP (RFC 6960) by GET: the DER OCSPRequest base64-encoded (and URL-encoded) in the path")
    public Uni<Response> ocspByGet(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @PathParam("request") String request) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(request.trim());
        } catch (IllegalArgumentException e) {
            der = new byte[0];
        }
        return ocsp.answer(tenant, id, der).map(PkiResource::ocspResponse);
    }

    /** OCSP answers errors in its own response (malformedRequest, unauthorized), always with HTTP 200. */
    private static Response ocspResponse(byte[] der) {
        return Response.ok(der, PkiMediaTypes.OCSP_RESPONSE).build();
    }

    private static Response certificate(byte[] der) {
        return Response.ok(der, PkiMediaTypes.PKIX_CERT).build();
    }

    /** A key generation from the path; 400 problem when it is not one. */
    private static int keyGeneration(String value) {
        Integer parsed = Generations.parse(value);
        if (parsed == null) {
            throw ProblemException.badRequest("key generation is required");
        }
        return parsed;
    }
}
