package io.stratus.enrollment.rest;

import java.time.Duration;
import java.util.Base64;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.enrollment.service.CaCertificates;
import io.stratus.enrollment.service.NextCaCertificates;
import io.stratus.enrollment.service.PkiOperations;
import io.stratus.enrollment.service.RefusedClients;
import io.stratus.enrollment.service.RequestAlgorithms;
import io.stratus.enrollment.service.ScepAuthorities;
import io.stratus.enrollment.service.ScepCapabilities;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;

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
    private final RefusedClients refusedClients;
    private final int maxBodyBytes;

    public ScepResource(ScepAuthorities authorities, CaCertificates caCertificates,
            NextCaCertificates nextCaCertificates, PkiOperations pkiOperations, RequestAlgorithms requestAlgorithms,
            ScepMetrics metrics, RefusedClients refusedClients, EnrollmentConfig config) {
        this.authorities = authorities;
        this.caCertificates = caCertificates;
        this.nextCaCertificates = nextCaCertificates;
        this.pkiOperations = pkiOperations;
        this.requestAlgorithms = requestAlgorithms;
        this.metrics = metrics;
        this.refusedClients = refusedClients;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @GET
    @Operation(summary = "GetCACaps, GetCACert, GetNextCACert, or PKIOperation with a base64 message")
    public Uni<Response> get(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, @QueryParam("message") String message,
            @Context HttpServerRequest http) {
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
                return pkiOperationFromQuery(tenant, caId, message, client(http));
        }
    }

    @GET
    @Path(PKICLIENT)
    @Operation(summary = "As GET /scep/{tenant}/{caId}, for clients that append pkiclient.exe")
    public Uni<Response> getPkiClient(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, @QueryParam("message") String message,
            @Context HttpServerRequest http) {
        return get(tenant, caId, operation, message, http);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "PKIOperation with a DER pkiMessage body (application/x-pki-message)")
    public Uni<Response> post(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, byte[] body, @Context HttpServerRequest http) {
        String op = ScepOperation.canonical(operation);
        if (!ScepOperation.PKI_OPERATION.equals(op)) {
            metrics.count(op == null ? "unknown" : op, "bad_request");
            return Uni.createFrom().item(ScepProblems.badRequest("POST answers operation=PKIOperation only"));
        }
        return pkiOperation(tenant, caId, body == null ? new byte[0] : body, client(http));
    }

    @POST
    @Path(PKICLIENT)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "As POST /scep/{tenant}/{caId}, for clients that append pkiclient.exe")
    public Uni<Response> postPkiClient(@PathParam("tenant") String tenant, @PathParam("caId") String caId,
            @QueryParam("operation") String operation, byte[] body, @Context HttpServerRequest http) {
        return post(tenant, caId, operation, body, http);
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

    private Uni<Response> pkiOperationFromQuery(String tenant, String caId, String message, String client) {
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
        return pkiOperation(tenant, caId, decoded, client);
    }

    /**
     * A PKIOperation, unless its client was refused too often by this CA lately ({@link RefusedClients}: HTTP 429
     * before any decryption); a FAILURE CertRep or a 4xx answer counts as one more refusal of the client.
     */
    private Uni<Response> pkiOperation(String tenant, String caId, byte[] message, String client) {
        Duration blocked = refusedClients.blockedFor(client, caId);
        if (!blocked.isZero()) {
            metrics.count(ScepOperation.PKI_OPERATION, "too_many_refusals");
            return Uni.createFrom().item(ScepProblems.tooManyRefusals(blocked));
        }
        if (message.length > maxBodyBytes) {
            metrics.count(ScepOperation.PKI_OPERATION, "too_large");
            refusedClients.refused(client, caId);
            return Uni.createFrom().item(ScepProblems.tooLarge(maxBodyBytes));
        }
        Timer.Sample sample = metrics.start();
        return pkiOperations.handle(tenant, caId, message)
                .map(reply -> {
                    metrics.pkiOperation(sample, reply.status().name().toLowerCase(java.util.Locale.ROOT));
                    if (reply.status() == PkiStatus.FAILURE) {
                        refusedClients.refused(client, caId);
                    }
                    return Response.ok(reply.certRep(), PKI_MESSAGE).build();
                })
                .onFailure().recoverWithItem(failure -> {
                    metrics.pkiOperation(sample, ScepProblems.outcome(failure));
                    Response response = ScepProblems.response(failure);
                    if (response.getStatus() >= 400 && response.getStatus() < 500) {
                        refusedClients.refused(client, caId);
                    }
                    return response;
                });
    }

    /** The client's address as Quarkus sees it (the forwarded one when proxy address forwarding is on). */
    private static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
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
