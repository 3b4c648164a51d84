package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createAssignment;
import static io.stratus.profile.support.Api.createScepProfile;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * A bulk import of 100,000 devices into a tenant with a dynamic group that an assignment includes: the rule is
 * evaluated in memory per batch, memberships and deployment rows are written with the batch. The duration is
 * printed (a measurement, not an assertion); the counts are asserted.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class DynamicImportScaleTest {

    private final String tenant = "dimp-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource db;

    @Test
    void importsOneHundredThousandDevicesIntoATenantWithADynamicGroup() throws Exception {
        int count = Integer.getInteger("stratus.test.import-devices", 100_000);
        String group = admin().body(Map.of("name", "windows", "membershipRule", "device.platform -eq \"WINDOWS\""))
                .post(base(tenant) + "/groups").then().statusCode(201).extract().path("id");
        String profileId = createScepProfile(tenant, scepBody(tenant, List.of()));
        createAssignment(tenant, profileId, List.of(group), List.of());

        StringBuilder csv = new StringBuilder(count * 48).append("id,name,platform,serialNumber\n");
        String[] platforms = { "WINDOWS", "MACOS", "IOS", "ANDROID" };
        for (int i = 0; i < count; i++) {
            csv.append("dyn-").append(i).append(",DEVICE-").append(i).append(',').append(platforms[i % 4])
                    .append(",SN").append(i).append('\n');
        }
        long start = System.nanoTime();
        JsonPath result = admin().contentType("text/csv").body(csv.toString())
                .post(base(tenant) + "/devices:import").then().statusCode(200).extract().jsonPath();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Log.infof("IMPORT TIMING (dynamic group): %d devices in %d ms", count, millis);
        System.out.println("IMPORT TIMING (dynamic group + assignment): " + count + " devices imported over REST"
                + " (CSV) in " + millis + " ms");
        assertEquals(count, result.getInt("imported"));
        int windows = (count + 3) / 4;
        assertEquals(windows, count("select count(*) from group_member where group_id = ?", group));
        // imported devices have no identity key yet: each in scope has a FAILED row and no event
        assertEquals(windows, count("select count(*) from device_assignment where tenant = ? and status = 'FAILED'",
                tenant));
        assertEquals(0, count("select count(*) from outbox where message_key like 'dyn-%' and payload like ?",
                "%" + tenant + "%"));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
