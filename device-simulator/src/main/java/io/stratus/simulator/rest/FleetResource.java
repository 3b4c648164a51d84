package io.stratus.simulator.rest;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import io.stratus.simulator.entity.DeviceAssignment;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import io.stratus.simulator.service.DeviceRenewer;
import io.stratus.simulator.service.FleetService;
import io.stratus.simulator.service.PlatformMix;
import io.stratus.simulator.service.FleetService.FleetRequest;
import io.stratus.simulator.service.FleetService.FleetStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The simulated fleet: create devices, watch them enroll, download their certificates. A test and demo tool: no auth. */
@Path("/api/v1/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FleetResource {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";
    static final String DEFAULT_NAME_PREFIX = "device";
    private static final java.util.regex.Pattern USER_DOMAIN = java.util.regex.Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final FleetService fleet;
    private final DeviceRegistry registry;
    private final DeviceRenewer renewer;

    public FleetResource(FleetService fleet, DeviceRegistry registry, DeviceRenewer renewer) {
        this.fleet = fleet;
        this.registry = registry;
        this.renewer = renewer;
    }

    /** Body of {@code POST /api/v1/fleet/devices/{id}/renew} (optional). */
    public record RenewRequest(String assignmentId) {
    }

    @POST
    @Path("/devices")
    public Response create(CreateDevicesRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        String tenant = RequestChecks.identifier("tenant", body.tenant());
        FleetRequest request = new FleetRequest(tenant, RequestChecks.identifier("groupId", body.groupId()),
                platforms(body, RequestChecks.count("count", body.count())), namePrefix(body.namePrefix()),
                userDomain(body, tenant));
        List<SimulatedDevice> devices = RequestChecks.guard(() -> fleet.create(request));
        return Response.accepted(new DeviceIdsResponse(devices.stream().map(SimulatedDevice::id).toList())).build();
    }

    @GET
    @Path("/status")
    public FleetStatus status(@QueryParam("tenant") String tenant) {
        return fleet.status(blankToNull(tenant));
    }

    @GET
    @Path("/devices")
    public List<DeviceView> devices(@QueryParam("tenant") String tenant) {
        return fleet.devices(blankToNull(tenant)).stream().map(DeviceView::of).toList();
    }

    @GET
    @Path("/devices/{id}")
    public DeviceView device(@PathParam("id") String id) {
        return DeviceView.of(find(id));
    }

    /**
     * Forces a SCEP RenewalReq now for the device's enrolled assignments (or the one named in the body).
     * 202 with the assignment ids being renewed; 409 when none is enrolled.
     */
    @POST
    @Path("/devices/{id}/renew")
    public Response renew(@PathParam("id") String id, RenewRequest body) {
        SimulatedDevice device = find(id);
        String only = body == null ? null : blankToNull(body.assignmentId());
        List<String> renewing = new ArrayList<>();
        for (DeviceAssignment assignment : device.assignments()) {
            if ((only == null || only.equals(assignment.assignmentId()))
                    && renewer.schedule(device, assignment.assignmentId(), "renewal requested over the API")) {
                renewing.add(assignment.assignmentId());
            }
        }
        if (renewing.isEmpty()) {
            throw ProblemException.conflict("device " + id + " holds no enrolled certificate"
                    + (only == null ? "" : " for assignment " + only) + " to renew");
        }
        return Response.accepted(Map.of("renewing", renewing)).build();
    }

    @GET
    @Path("/devices/{id}/certificate")
    @Produces(PEM_MEDIA_TYPE)
    public String certificate(@PathParam("id") String id, @QueryParam("assignmentId") String assignmentId) {
        SimulatedDevice device = find(id);
        if (assignmentId != null) {
            X509Certificate held = device.assignment(assignmentId).map(DeviceAssignment::certificate)
                    .orElseThrow(() -> ProblemException.notFound("device " + id + " holds no certificate of assignment " + assignmentId));
            return Pem.encode(held);
        }
        if (device.certificate() == null) {
            throw ProblemException.notFound("device " + id + " has no certificate yet (state " + device.state() + ")");
        }
        return Pem.encode(device.certificate());
    }

    private SimulatedDevice find(String id) {
        return registry.find(id).orElseThrow(() -> ProblemException.notFound("no simulated device " + id));
    }

    private static List<Platform> platforms(CreateDevicesRequest body, int count) {
        try {
            if (body.platforms() != null && !body.platforms().isEmpty()) {
                if (body.platform() != null && !body.platform().isBlank()) {
                    throw new IllegalArgumentException("give either platform or platforms, not both");
                }
                if (count < 1) {
                    throw new IllegalArgumentException("device count must be at least 1");
                }
                return PlatformMix.spread(body.platforms(), count);
            }
            return Collections.nCopies(Math.max(0, count), Platform.parse(body.platform()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    /** The domain of the primary users' UPNs when users are asked for, else null. */
    private static String userDomain(CreateDevicesRequest body, String tenant) {
        if (!Boolean.TRUE.equals(body.withUsers())) {
            return null;
        }
        String domain = body.userDomain() == null || body.userDomain().isBlank()
                ? tenant.toLowerCase(java.util.Locale.ROOT) + ".test" : body.userDomain().trim();
        if (!USER_DOMAIN.matcher(domain).matches()) {
            throw ProblemException.badRequest("userDomain must be a DNS domain such as contoso.com");
        }
        return domain;
    }

    private static String namePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return DEFAULT_NAME_PREFIX;
        }
        return RequestChecks.identifier("namePrefix", prefix);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
