package io.stratus.ca.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.repository.AuditRepository;
import io.stratus.ca.rest.dto.AuditRecordResponse;
import io.stratus.ca.service.audit.AuditVerification;
import io.stratus.ca.service.audit.AuditVerifier;
import io.stratus.platform.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** ca-service's audit log of a tenant: read it in sequence order and verify its hash chain. */
@Path("/api/v1/tenants/{tenant}/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditRepository records;
    private final AuditVerifier verifier;

    public AuditResource(AuditRepository records, AuditVerifier verifier) {
        this.records = records;
        this.verifier = verifier;
    }

    /** A page of records; {@code next} is the {@code after} of the following page (null: no more). */
    public record AuditPage(List<AuditRecordResponse> items, Long next) {
    }

    @GET
    @RolesAllowed(CaRoles.AUDIT_READ)
    @Operation(summary = "Audit records after a sequence number, in order")
    public Uni<AuditPage> list(@PathParam("tenant") String tenant, @QueryParam("after") Long after,
            @QueryParam("limit") Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after != null && after < 0) {
            throw ProblemException.badRequest("after must be a sequence number (0 or more)");
        }
        return Panache.withSession(() -> records.page(tenant, after == null ? 0 : after, size))
                .map(page -> new AuditPage(page.stream().map(AuditRecordResponse::of).toList(),
                        page.size() < size ? null : page.get(page.size() - 1).sequence));
    }

    @POST
    @Path("/verify")
    @RolesAllowed(CaRoles.AUDIT_READ)
    @Operation(summary = "Recompute the hash chain and its seals: valid, or the first changed or missing record;"
            + " at most limit records a call (default 100000), continued with after=next")
    public Uni<AuditVerification> verify(@PathParam("tenant") String tenant, @QueryParam("after") Long after,
            @QueryParam("limit") Integer limit) {
        return verifier.verify(tenant, after, limit);
    }
}
