package io.stratus.platform.audit;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * A service's audit log of a tenant, the same API in every service that keeps one (role {@code audit.read}):
 * {@code GET} reads it in sequence order, {@code POST .../verify} recomputes its chain and seals and compares its
 * end with the audit topic. Served where {@code stratus.audit.enabled=true} ({@link AuditTrails}).
 */
@Path("/api/v1/tenants/{tenant}/audit")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "stratus.audit.enabled", stringValue = "true")
public class AuditResource {

    public static final String AUDIT_READ = "audit.read";

    private final AuditTrail records;
    private final AuditVerifier verifier;

    public AuditResource(AuditTrail records, AuditVerifier verifier) {
        this.records = records;
        this.verifier = verifier;
    }

    /** Records after the sequence {@code after} (default 0), at most {@code limit} (1-1000, default 100). */
    @GET
    @RolesAllowed(AUDIT_READ)
    public Uni<AuditPage> list(@PathParam("tenant") String tenant, @QueryParam("after") Long after,
            @QueryParam("limit") Integer limit) {
        return AuditPage.read(records, tenant, after, limit);
    }

    /**
     * Valid, or the first changed or missing record; at most {@code limit} records a call (default 100,000),
     * continued with {@code after=next}.
     */
    @POST
    @Path("/verify")
    @RolesAllowed(AUDIT_READ)
    public Uni<AuditVerification> verify(@PathParam("tenant") String tenant, @QueryParam("after") Long after,
            @QueryParam("limit") Integer limit) {
        return verifier.verify(tenant, after, limit);
    }
}
