package io.stratus.ca.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.mapping.CertificateCsv;
import io.stratus.ca.mapping.CertificateMapper;
import io.stratus.ca.rest.dto.BulkRevokeRequest;
import io.stratus.ca.rest.dto.BulkRevokeResponse;
import io.stratus.ca.rest.dto.CertificatePageResponse;
import io.stratus.ca.rest.dto.CertificateResponse;
import io.stratus.ca.rest.dto.RevokeRequest;
import io.stratus.ca.service.BulkRevocation;
import io.stratus.ca.service.CertificateInventory;
import io.stratus.ca.service.CertificateRevocation;
import io.stratus.platform.rest.ProblemException;
import io.stratus.platform.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The tenant's issued certificates: inventory, revocation by serial and by device, profile or CA. */
@Path("/api/v1/tenants/{tenant}/certificates")
@Tag(name = "certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    /** Response header of a CSV page: the {@code after} of the following page. */
    public static final String NEXT_CURSOR = "Stratus-Next-Cursor";

    private final CertificateInventory inventory;
    private final CertificateRevocation revocation;
    private final BulkRevocation bulk;
    private final Callers callers;

    public CertificateResource(CertificateInventory inventory, CertificateRevocation revocation, BulkRevocation bulk,
            Callers callers) {
        this.inventory = inventory;
        this.revocation = revocation;
        this.bulk = bulk;
        this.callers = callers;
    }

    @GET
    @RolesAllowed(CaRoles.CA_READ)
    @Operation(summary = "Search certificates, oldest first: by CA, device, profile, status, serial, subject prefix,"
            + " SHA-1 or SHA-256 thumbprint and expiry window; keyset pages")
    public Uni<CertificatePageResponse> list(@PathParam("tenant") String tenant, @BeanParam CertificateFilters filters) {
        return inventory.list(tenant, filters.search(), filters.after, filters.limit)
                .map(page -> new CertificatePageResponse(
                        page.items().stream().map(c -> CertificateMapper.toResponse(c, false)).toList(),
                        page.next()));
    }

    /** The same search as CSV; the cursor of the next page (if any) in the {@value #NEXT_CURSOR} header. */
    @GET
    @RolesAllowed(CaRoles.CA_READ)
    @Produces(CertificateCsv.MEDIA_TYPE)
    @Operation(summary = "Search certificates as CSV, one page; the next page's cursor in the Stratus-Next-Cursor header")
    public Uni<RestResponse<String>> listCsv(@PathParam("tenant") String tenant,
            @BeanParam CertificateFilters filters) {
        return inventory.list(tenant, filters.search(), filters.after, filters.limit).map(page -> {
            RestResponse.ResponseBuilder<String> csv = RestResponse.ResponseBuilder.ok(CertificateCsv.of(page.items()),
                    CertificateCsv.MEDIA_TYPE + "; charset=utf-8");
            if (page.next() != null) {
                csv.header(NEXT_CURSOR, page.next());
            }
            return csv.build();
        });
    }

    @GET
    @Path("/{serial}")
    @RolesAllowed(CaRoles.CA_READ)
    @Operation(summary = "One certificate by serial (hex), with its PEM")
    public Uni<CertificateResponse> get(@PathParam("tenant") String tenant, @PathParam("serial") String serial,
            @QueryParam("authorityId") String authorityId) {
        return inventory.get(tenant, serial, authorityId).map(c -> CertificateMapper.toResponse(c, true));
    }

    @POST
    @Path("/revoke")
    @RolesAllowed(CaRoles.CERT_REVOKE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke every unexpired certificate of a device, a profile or a CA (filters combine) with one"
            + " RFC 5280 reason; audited once with the count; the CRLs are re-issued")
    public Uni<BulkRevokeResponse> revokeMatching(@PathParam("tenant") String tenant, BulkRevokeRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a body is required: deviceId, profileId or authorityId, and reason");
        }
        return bulk.revoke(tenant, new BulkRevocation.Filter(body.deviceId(), body.profileId(), body.authorityId()),
                body.reason(), callers.current())
                .map(outcome -> new BulkRevokeResponse(outcome.revoked(), outcome.reason(), outcome.authorityIds()));
    }

    @POST
    @Path("/{serial}/revoke")
    @RolesAllowed(CaRoles.CERT_REVOKE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a certificate with an RFC 5280 reason; the CA's CRL is re-issued")
    public Uni<CertificateResponse> revoke(@PathParam("tenant") String tenant, @PathParam("serial") String serial,
            @QueryParam("authorityId") String authorityId, RevokeRequest body) {
        return revocation.revoke(tenant, serial, authorityId, body == null ? null : body.reason(), callers.current())
                .map(c -> CertificateMapper.toResponse(c, false));
    }
}
