package io.stratus.profile.messaging;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.profile.rest.ApiRoles;
import io.stratus.profile.service.ReportHistory;
import io.stratus.profile.support.CertificateEvents;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * The deployment report over time: counts taken per interval (one per interval, however often they are taken, as
 * with two replicas), read back oldest first from a given instant, forgotten after the retention, and the refusals.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ReportHistoryTest {

    @Inject
    ReportHistory history;

    private final String tenant = "hist-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void countsTakenPerIntervalShowTheReportOverTime() throws Exception {
        for (String device : List.of("hist-1", "hist-2")) {
            registerDevice(tenant, DeviceIdentity.of(device, device.toUpperCase(), "SN-" + device, "WINDOWS",
                    KeyAlgorithm.EC_P256));
        }
        String group = createGroup(tenant, "fleet");
        addMembers(tenant, group, "hist-1", "hist-2");
        String profile = createScepProfile(tenant, scepBody(tenant, List.of()));
        String assignment = createAssignment(tenant, profile, List.of(group), List.of()).getString("id");

        Duration interval = history.interval();
        Instant first = Instant.now().plus(Duration.ofDays(1));
        history.take(first).await().atMost(Duration.ofSeconds(30));
        history.take(first.plusSeconds(1)).await().atMost(Duration.ofSeconds(30)); // a second replica, same interval

        CertificateEvents.publishAndAwait(new CertificateIssuedEvent(tenant, "tx-hist-1", "issuing-ca-1", "hist-1",
                assignment, profile, RequestPurpose.DEVICE, "0B1C2D", "CN=HIST-1,O=Contoso", Instant.now(),
                Instant.now().plus(365, ChronoUnit.DAYS), "AAAA"));
        Instant second = first.plus(interval);
        history.take(second).await().atMost(Duration.ofSeconds(30));

        JsonPath points = historySince(profile, first.minus(interval));
        assertEquals(interval.toString(), points.getString("interval"));
        assertEquals(List.of(0, 1), points.getList("points.succeeded"));
        assertEquals(List.of(2, 1), points.getList("points.pending"));
        assertEquals(List.of(0, 0), points.getList("points.failed"));
        assertEquals(List.of(0, 0), points.getList("points.notApplicable"));
        Instant firstAt = Instant.parse(points.getString("points[0].at"));
        assertEquals(firstAt.plus(interval), Instant.parse(points.getString("points[1].at")));
        assertEquals(0, firstAt.toEpochMilli() % interval.toMillis(), "a count is kept under its interval's start");
        assertEquals(List.of(1), historySince(profile, firstAt.plus(interval))
                .getList("points.succeeded"), "only the counts since the instant asked for");

        // counted again when the second count is exactly as old as the retention: the first one goes, it stays
        history.take(firstAt.plus(interval).plus(history.retention())).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of(1, 1), historySince(profile, first.minus(interval)).getList("points.succeeded"),
                "the first count is gone, the second and the new one stay");
    }

    @Test
    void refusals() {
        problem(admin().get(base(tenant) + "/profiles/ghost/report/history").then(), 404, "ghost");
        String profile = createScepProfile(tenant, scepBody(tenant, List.of()));
        problem(admin().queryParam("since", "yesterday").get(base(tenant) + "/profiles/" + profile
                + "/report/history").then(), 400, "since");
        problem(admin().queryParam("since", "+1000000000-01-01T00:00:00Z").get(base(tenant) + "/profiles/" + profile
                + "/report/history").then(), 400, "years 1 and 9999");
        as(Tokens.of(ApiRoles.PROFILE_READ, "other-" + tenant)).get(base(tenant) + "/profiles/" + profile
                + "/report/history").then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).get(base(tenant) + "/profiles/" + profile
                + "/report/history").then().statusCode(403);
    }

    private JsonPath historySince(String profile, Instant since) {
        return admin().queryParam("since", since.toString()).get(base(tenant) + "/profiles/" + profile
                + "/report/history").then().statusCode(200).extract().jsonPath();
    }
}
