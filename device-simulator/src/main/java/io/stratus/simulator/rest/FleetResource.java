package io.stratus.simulator.rest;

import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.platform.rest.ProblemException;
import io.stratus.simulator.entity.DeviceState;
import io.stratus.simulator.entity.Platform;
import io.stratus.simulator.entity.SimulatedDevice;
import io.stratus.simulator.repository.DeviceRegistry;
import io.stratus.simulator.service.FleetService;
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

    private final FleetService fleet;
    private final DeviceRegistry registry;

    public FleetResource(FleetService fleet, DeviceRegistry registry) {
        this.fleet = fleet;
        this.registry = registry;
    }

    @POST
    @Path("/devices")
    public Response create(CreateDevicesRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        FleetRequest request = new FleetRequest(RequestChecks.identifier("tenant", body.tenant()),
                RequestChecks.identifier("groupId", body.groupId()), RequestChecks.count("count", body.count()),
                platform(body.platform()), namePrefix(body.namePrefix()));
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

    @GET
    @Path("/devices/{id}/certificate")
    @Produces(PEM_MEDIA_TYPE)
    public String certificate(@PathParam("id") String id) {
        SimulatedDevice device = find(id);
        if (device.state() != DeviceState.ENROLLED || device.certificate() == null) {
            throw ProblemException.notFound("device " + id + " has no certificate yet (state " + device.state() + ")");
        }
        return Pem.encode(device.certificate());
    }

    private SimulatedDevice find(String id) {
        return registry.find(id).orElseThrow(() -> ProblemException.notFound("no simulated device " + id));
    }

    private static Platform platform(String name) {
        try {
            return Platform.parse(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
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
