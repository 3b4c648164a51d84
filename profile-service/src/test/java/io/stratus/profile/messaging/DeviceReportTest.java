package io.stratus.profile.messaging;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.profile.support.CertificateEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.testkit.StratusTestResource;

/** The per-device report: every profile on a device, its certificate, and a revocation shown as FAILED. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class DeviceReportTest {

    private final String tenant = "drep-" + UUID.randomUUID().toString().substring(0, 8);


    @Test
    void reportsEveryProfileOfTheDeviceAndShowsRevocation() throws Exception {
        registerDevice(tenant, DeviceIdentity.of("rep-1", "REP-1", "SN-1", "WINDOWS", KeyAlgorithm.EC_P256));
        String group = createGroup(tenant, "fleet");
        addMembers(tenant, group, "rep-1");
        String wifi = createScepProfile(tenant, scepBody(tenant, List.of()));
        Map<String, Object> macBody = scepBody(tenant, List.of());
        macBody.put("name", "Mac certificate");
        macBody.put("platform", "MACOS");
        String mac = createScepProfile(tenant, macBody);
        String wifiAssignment = createAssignment(tenant, wifi, List.of(group), List.of()).getString("id");
        createAssignment(tenant, mac, List.of(group), List.of());

        JsonPath report = deviceReport();
        assertEquals(1, report.getInt("pending"));
        assertEquals(1, report.getInt("notApplicable"));
        assertEquals("Device certificate", report.getString("profiles.find { it.profileId == '" + wifi
                + "' }.profileName"));
        assertEquals("NOT_APPLICABLE", report.getString("profiles.find { it.profileId == '" + mac + "' }.status"));

        Instant notAfter = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CertificateEvents.publishAndAwait(new CertificateIssuedEvent(tenant, "tx-rep-1", "issuing-ca-1", "rep-1",
                wifiAssignment, wifi, RequestPurpose.DEVICE, "0A1B2C", "CN=REP-1,O=Contoso", Instant.now(), notAfter,
                "AAAA"));
        report = deviceReport();
        assertEquals(1, report.getInt("succeeded"));
        assertEquals("0A1B2C", report.getString("profiles.find { it.profileId == '" + wifi + "' }.serialNumber"));
        assertEquals(notAfter, Instant.parse(report.getString("profiles.find { it.profileId == '" + wifi
                + "' }.notAfter")));

        // a revocation of another certificate of the device changes nothing
        CertificateEvents.publishAndAwait(
                new CertificateRevokedEvent(tenant, "issuing-ca-1", "FFFF", "rep-1", "superseded", Instant.now()),
                new CertificateRevokedEvent(tenant, "issuing-ca-1", "0A1B2C", "rep-1", "keyCompromise", Instant.now()));
        report = deviceReport();
        assertEquals(0, report.getInt("succeeded"));
        assertEquals(1, report.getInt("failed"));
        assertEquals("FAILED", report.getString("profiles.find { it.profileId == '" + wifi + "' }.status"));
        assertEquals("certificate 0A1B2C revoked (keyCompromise)",
                report.getString("profiles.find { it.profileId == '" + wifi + "' }.reason"));
        assertEquals("0A1B2C", report.getString("profiles.find { it.profileId == '" + wifi + "' }.serialNumber"));

        problem(admin().get(base(tenant) + "/devices/ghost/report").then(), 404, "ghost");
    }

    private JsonPath deviceReport() {
        return admin().get(base(tenant) + "/devices/rep-1/report").then().statusCode(200).extract().jsonPath();
    }
}
