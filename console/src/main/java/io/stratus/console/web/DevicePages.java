package io.stratus.console.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.Backend;
import io.stratus.console.api.Device;
import io.stratus.console.api.DeviceReport;
import io.stratus.console.api.ServiceApi;
import io.stratus.console.session.Session;
import io.stratus.console.session.SignedIn;

/** A device and its report: every profile assigned to it, with status, certificate and why it failed. */
@Path("/t/{tenant}/devices/{id}")
@Produces(MediaType.TEXT_HTML)
public class DevicePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance device(Page page, Device device, DeviceReport report);
    }

    @Inject
    ServiceApi api;
    @Inject
    SignedIn signedIn;

    @GET
    public TemplateInstance device(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        Session session = Tenants.open(signedIn, tenant);
        Device device = api.get(Backend.PROFILE, session.token(), Tenants.api(tenant, "devices", id), Device.class);
        DeviceReport report = api.get(Backend.PROFILE, session.token(), Tenants.api(tenant, "devices", id, "report"),
                DeviceReport.class);
        return Templates.device(Page.of("Device " + device.name(), tenant, session), device, report);
    }
}
