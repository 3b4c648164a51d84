package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.userBody;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/** Bulk import of users and devices, as JSON and CSV, with per-row rejections; 100,000 devices in one call. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ImportApiTest {

    private final String tenant = "imp-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DataSource db;

    @Test
    void importsUsersAsJsonAndDevicesAsCsvReportingTheRefusedRows() throws Exception {
        registerUser(tenant, userBody("existing", "Ex", "Isting"));
        Map<String, Object> dupUpn = userBody("u3", "U", "Three");
        dupUpn.put("userPrincipalName", "u1@contoso.test");
        JsonPath users = admin().body(List.of(userBody("u1", "U", "One"), userBody("u2", "U", "Two"),
                Map.of("id", "bad", "userPrincipalName", "nodomain"), dupUpn, userBody("existing", "E", "X"),
                userBody("u1", "U", "Again")))
                .post(base(tenant) + "/users:import").then().statusCode(200).extract().jsonPath();
        assertEquals(2, users.getInt("imported"));
        assertEquals(List.of(3, 4, 5, 6), users.getList("rejected.row"));
        assertEquals("userPrincipalName 'nodomain' is not of the form name@domain", users.getString("rejected[0].reason"));
        assertEquals("userPrincipalName 'u1@contoso.test' is also on row 1", users.getString("rejected[1].reason"));
        assertEquals("user (or its userPrincipalName) 'existing' already exists in tenant " + tenant,
                users.getString("rejected[2].reason"));
        assertEquals("id 'u1' is also on row 1", users.getString("rejected[3].reason"));

        String key = DeviceIdentity.of("k", "K", "S", "WINDOWS", KeyAlgorithm.EC_P256).publicKeyBase64();
        String csv = "id,name,platform,serialNumber,imei,wifiMacAddress,primaryUserId,identityPublicKey\r\n"
                + "c1,\"LAPTOP, 1\",WINDOWS,S1,356938035643809,00:1A:2B:3C:4D:5E,u1," + key + "\r\n"
                + "c2,PHONE-2,ios,S2,,,u2,\n"
                + "c3,PHONE-3,BLACKBERRY,S3,,,,\n"
                + "c4,PHONE-4,ANDROID,S4,,,ghost,\n"
                + "c5,PHONE-5,ANDROID,S5,,,,not-a-key\n";
        JsonPath devices = admin().contentType("text/csv").body(csv).post(base(tenant) + "/devices:import").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, devices.getInt("imported"));
        assertEquals(List.of(3, 4, 5), devices.getList("rejected.row"));
        assertEquals("platform must be one of WINDOWS, MACOS, IOS, ANDROID, not 'BLACKBERRY'",
                devices.getString("rejected[0].reason"));
        assertEquals("primaryUserId names the unknown user 'ghost' in tenant " + tenant,
                devices.getString("rejected[1].reason"));
        admin().get(base(tenant) + "/devices/c1").then().statusCode(200).body("name", equalTo("LAPTOP, 1"))
                .body("primaryUserId", equalTo("u1")).body("wifiMacAddress", equalTo("00:1A:2B:3C:4D:5E"))
                .body("identityPublicKey", equalTo(key));
        admin().get(base(tenant) + "/devices/c2").then().statusCode(200).body("platform", equalTo("IOS"))
                .body("identityPublicKey", equalTo(null));

        // importing the same file again stores nothing twice
        JsonPath again = admin().contentType("text/csv").body(csv).post(base(tenant) + "/devices:import").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("imported"));
        assertEquals("device 'c1' already exists in tenant " + tenant, again.getString("rejected[0].reason"));

        problem(admin().contentType("text/csv").body("id,colour\nx,red\n").post(base(tenant) + "/devices:import")
                .then(), 400, "unknown CSV column 'colour'");
        problem(admin().body(List.of()).post(base(tenant) + "/users:import").then(), 400, "the import holds no rows");
        problem(admin().contentType("text/csv").body("id,name\n\"x,y\n").post(base(tenant) + "/devices:import")
                .then(), 400, "ends inside a quoted field");
    }

    @Test
    void importsOneHundredThousandDevices() throws Exception {
        int count = 100_000;
        StringBuilder csv = new StringBuilder(count * 48).append("id,name,platform,serialNumber\n");
        String[] platforms = {"WINDOWS", "MACOS", "IOS", "ANDROID"};
        for (int i = 0; i < count; i++) {
            csv.append("bulk-").append(i).append(",DEVICE-").append(i).append(',').append(platforms[i % 4])
                    .append(",SN").append(i).append('\n');
        }
        long start = System.nanoTime();
        JsonPath result = admin().contentType("text/csv").body(csv.toString()).post(base(tenant) + "/devices:import")
                .then().statusCode(200).extract().jsonPath();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Log.infof("IMPORT TIMING: %d devices imported over REST (CSV) in %d ms", count, millis);
        System.out.println("IMPORT TIMING: " + count + " devices imported over REST (CSV) in " + millis + " ms");
        assertEquals(count, result.getInt("imported"));
        assertEquals(0, result.getList("rejected").size());
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from device where tenant = ?")) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertEquals(count, rows.getLong(1));
            }
        }
    }

    @Test
    void importsNeedDeviceManageForTheTenant() {
        String path = base(tenant) + "/users:import";
        List<Map<String, Object>> body = List.of(userBody("r1", "R", "One"));
        as(null).body(body).post(path).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(body).post(path).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, "other")).body(body).post(path).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(body).post(path).then().statusCode(200)
                .body("imported", equalTo(1));
        String devices = base(tenant) + "/devices:import";
        as(null).contentType("text/csv").body("id,name,platform\nx,X,IOS\n").post(devices).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).contentType("text/csv").body("id,name,platform\nx,X,IOS\n")
                .post(devices).then().statusCode(403);
    }
}
