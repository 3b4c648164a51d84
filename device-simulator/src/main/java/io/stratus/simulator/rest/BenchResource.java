package io.stratus.simulator.rest;

import java.net.URI;
import java.util.Map;

import io.stratus.platform.rest.ProblemException;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.BenchRun;
import io.stratus.simulator.service.BenchService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The enrollment benchmark: start a run, then poll it until DONE or FAILED. */
@Path("/api/v1/fleet/bench")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BenchResource {

    private final BenchService benches;
    private final SimulatorConfig config;

    public BenchResource(BenchService benches, SimulatorConfig config) {
        this.benches = benches;
        this.config = config;
    }

    @POST
    public Response start(BenchRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        int devices = RequestChecks.count("devices", body.devices());
        int concurrency = body.concurrency() == null ? config.concurrency() : body.concurrency();
        BenchRun run;
        if (body.scepUrl() != null) {
            URI scepUrl = RequestChecks.httpUrl("scepUrl", body.scepUrl());
            run = RequestChecks.guard(() -> benches.startStatic(scepUrl, body.challenge(), devices, concurrency));
        } else {
            String tenant = RequestChecks.identifier("tenant", body.tenant());
            String groupId = RequestChecks.identifier("groupId", body.groupId());
            run = RequestChecks.guard(() -> benches.start(tenant, groupId, devices, concurrency));
        }
        return Response.accepted(Map.of("id", run.id())).build();
    }

    @GET
    @Path("/{id}")
    public BenchView get(@PathParam("id") String id) {
        return BenchView.of(run(id));
    }

    /** Holds the run: no further device starts its enrollment; those in flight go on. */
    @POST
    @Path("/{id}/hold")
    @Consumes(MediaType.WILDCARD)
    public BenchView hold(@PathParam("id") String id) {
        BenchRun run = run(id);
        run.hold();
        return BenchView.of(run);
    }

    /** Releases a held run: the devices start their enrollments again. */
    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.WILDCARD)
    public BenchView release(@PathParam("id") String id) {
        BenchRun run = run(id);
        run.release();
        return BenchView.of(run);
    }

    /**
     * The certificate each device of a run received, by serial number: what a check of the servers' records (the
     * chaos harness, {@code stratus chaos}) compares with the certificates the CA signed.
     */
    @GET
    @Path("/{id}/certificates")
    public BenchCertificates certificates(@PathParam("id") String id) {
        return BenchCertificates.of(run(id));
    }

    private BenchRun run(String id) {
        return benches.find(id).orElseThrow(() -> ProblemException.notFound("no bench run " + id));
    }
}
