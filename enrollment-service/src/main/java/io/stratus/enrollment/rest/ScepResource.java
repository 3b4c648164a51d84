package io.stratus.enrollment.rest;

import java.util.Base64;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.enrollment.service.CaCertificates;
import io.stratus.enrollment.service.NextCaCertificates;
import io.stratus.enrollment.service.PkiOperations;
import io.stratus.enrollment.service.RequestAlgorithms;
import io.stratus.enrollment.service.ScepAuthorities;
import io.stratus.enrollment.service.ScepCapabilities;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The SCEP endpoint of an issuing CA (RFC 8894): {@code GET|POST /scep/{tenant}/{caId}[/pkiclient.exe]
 * ?operation=GetCACaps|GetCACert|PKIOperation}. Public (devices authenticate with their challenge). This
 * class only decodes HTTP; the protocol lives in the service package.
 */
@Path("/scep/{tenant}/{caId}")
@Tag(name = "SCEP", description = "RFC 8894 enrollment for devices")
public class ScepResource {

    static final String PKI_MESSAGE = "application/x-pki-message";
    static final String CA_RA_CERT = "application/x-x509-ca-ra-cert";
    static final String NEXT_CA_CERT = "application/x-x509-next-ca-cert";
    static final String PKICLIENT = "pkiclient.exe";

    private final ScepAuthorities authorities;
    private final CaCertificates caCertificates;
    private final NextCaCertificates nextCaCertificates;
    private final PkiOperations pkiOperations;
    private final RequestAlgorithms requestAlgorithms;
    private final ScepMetrics metrics;
    private final int maxBodyBytes;

    public ScepResource(ScepAuthorities authorities, CaCertificates caCertificates,
            NextCaCertificates nextCaCertificates, PkiOperations pkiOperations, RequestAlgorithms requestAlgorithms,
            ScepMetrics metrics, EnrollmentConfig config) {
        this.authorities = authorities;
        this.caCertificates = caCertificates;
        this.nextCaCertificates = nextCaCertificates;
        this.pkiOperations = pkiOperations;
        this.requestAlgorithms = requestAlgorithms;
        this.metrics = metrics;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @GET
    @Operation(summary = "GetCACaps, GetCACert, GetNextCACert, or PKIOperation with a base64 message")
    public Uni<Response> get(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, @QueryParam("message") String message) {
        String op = ScepOperation.canonical(operation);
        if (op == null) {
            return unknownOperation(operation);
        }
        switch (op) {
            case ScepOperation.GET_CA_CAPS:
                return capabilities(tenant, caId);
            case ScepOperation.GET_CA_CERT:
                return caCertificate(tenant, caId);
            case ScepOperation.GET_NEXT_CA_CERT:
                return nextCaCertificate(tenant, caId);
            default:
                return pkiOperationFromQuery(tenant, caId, message);
        }
    }

    @GET
    @Path(PKICLIENT)
    @Operation(summary = "As GET /scep/{tenant}/{caId}, for clients that append pkiclient.exe")
    public Uni<Response> getPkiClient(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, @QueryParam("message") String message) {
        return get(tenant, caId, operation, message);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "PKIOperation with a DER pkiMessage body (application/x-pki-message)")
    public Uni<Response> post(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, byte[] body) {
        String op = ScepOperation.canonical(operation);
        if (!ScepOperation.PKI_OPERATION.equals(op)) {
            metrics.count(op == null ? "unknown" : op, "bad_request");
            return Uni.createFrom().item(ScepProblems.badRequest("POST answers operation=PKIOperation only"));
        }
        return pkiOperation(tenant, caId, body == null ? new byte[0] : body);
    }

    @POST
    @Path(PKICLIENT)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "As POST /scep/{tenant}/{caId}, for clients that append pkiclient.exe")
    public Uni<Response> postPkiClient(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, byte[] body) {
        return post(tenant, caId, operation, body);
    }

    private Uni<Response> capabilities(String tenant, String caId) {
        return authorities.find(tenant, caId)
                .map(ca -> {
                    metrics.count(ScepOperation.GET_CA_CAPS, "ok");
                    String text = ScepCapabilities.text(ca, requestAlgorithms.extraCapabilities(ca.id()));
                    return Response.ok(text, MediaType.TEXT_PLAIN_TYPE).build();
                })
                .onFailure().recoverWithItem(failure -> problem(ScepOperation.GET_CA_CAPS, failure));
    }

    private Uni<Response> caCertificate(String tenant, String caId) {
        return caCertificates.of(tenant, caId)
                .map(der -> {
                    metrics.count(ScepOperation.GET_CA_CERT, "ok");
                    return Response.ok(der, CA_RA_CERT).build();
                })
                .onFailure().recoverWithItem(failure -> problem(ScepOperation.GET_CA_CERT, failure));
    }

    private Uni<Response> nextCaCertificate(String tenant, String caId) {
        return nextCaCertificates.of(tenant, caId)
                .map(der -> {
                    metrics.count(ScepOperation.GET_NEXT_CA_CERT, "ok");
                    return Response.ok(der, NEXT_CA_CERT).build();
                })
                .onFailure().recoverWithItem(failure -> problem(ScepOperation.GET_NEXT_CA_CERT, failure));
    }

    private Uni<Response> pkiOperationFromQuery(String tenant, String caId, String message) {
        if (message == null || message.isBlank()) {
            metrics.count(ScepOperation.PKI_OPERATION, "bad_request");
            return Uni.createFrom().item(ScepProblems.badRequest("PKIOperation over GET needs a message parameter"));
        }
        byte[] decoded;
        try {
            // a '+' left unencoded by the client arrives as a space
            decoded = Base64.getMimeDecoder().decode(message.replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            metrics.count(ScepOperation.PKI_OPERATION, "bad_request");
            return Uni.createFrom().item(ScepProblems.badRequest("the message parameter is not base64"));
        }
        return pkiOperation(tenant, caId, decoded);
    }

    private Uni<Response> pkiOperation(String tenant, String caId, byte[] message) {
        if (message.length > maxBodyBytes) {
            metrics.count(ScepOperation.PKI_OPERATION, "too_large");
            return Uni.createFrom().item(ScepProblems.tooLarge(maxBodyBytes));
        }
        Timer.Sample sample = metrics.start();
        return pkiOperations.handle(tenant, caId, message)
                .map(reply -> {
                    metrics.pkiOperation(sample, reply.status().name().toLowerCase(java.util.Locale.ROOT));
                    return Response.ok(reply.certRep(), PKI_MESSAGE).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    metrics.pkiOperation(sample, ScepProblems.outcome(failure));
                    return ScepProblems.response(failure);
                });
    }

    private Uni<Response> unknownOperation(String operation) {
        metrics.count("unknown", "bad_request");
        return Uni.createFrom().item(ScepProblems.badRequest(operation == null || operation.isBlank()
                ? "the operation parameter is required (GetCACaps, GetCACert, PKIOperation)"
                : "unknown operation; expected GetCACaps, GetCACert, GetNextCACert or PKIOperation"));
    }

    private Response problem(String operation, Throwable failure) {
        metrics.count(operation, ScepProblems.outcome(failure));
        return ScepProblems.response(failure);
    }
}
