package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.addMembers;
import static io.stratus.profile.support.Api.addUserMembers;
import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.as;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.createGroup;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.deviceBody;
import static io.stratus.profile.support.Api.registerDevice;
import static io.stratus.profile.support.Api.registerUser;
import static io.stratus.profile.support.Api.userBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.profile.rest.dto.GroupView;
import io.stratus.profile.support.DeviceIdentity;
import io.stratus.profile.support.Tokens;
import io.stratus.testkit.StratusTestResource;

@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class GroupApiTest {

    private final String tenant = "grp-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void createsGroupsAndAddsMembersOnce() {
        registerDevice(tenant, DeviceIdentity.of("g-1", "G1", "S1", "WINDOWS", KeyAlgorithm.EC_P256));
        registerDevice(tenant, DeviceIdentity.of("g-2", "G2", "S2", "WINDOWS", KeyAlgorithm.EC_P256));
        String groupId = admin().body(Map.of("name", "Laptops")).post(base(tenant) + "/groups").then()
                .statusCode(201).body("name", equalTo("Laptops")).body("deviceIds", empty())
                .extract().path("id");

        assertEquals(2, addMembers(tenant, groupId, "g-1", "g-2", "g-1").getInt("added"));
        assertEquals(0, addMembers(tenant, groupId, "g-2").getInt("added"));
        admin().get(base(tenant) + "/groups/" + groupId).then().statusCode(200)
                .body("deviceIds", contains("g-1", "g-2"));
    }

    @Test
    void badGroupRequestsAreRefused() {
        registerDevice(tenant + "-x", DeviceIdentity.of("foreign", "F", "S", "WINDOWS", KeyAlgorithm.EC_P256));
        registerDevice(tenant, DeviceIdentity.of("mine", "M", "S", "WINDOWS", KeyAlgorithm.EC_P256));
        String groupId = createGroup(tenant, "G");
        String members = base(tenant) + "/groups/" + groupId + "/members";

        problem(admin().body(Map.of()).post(base(tenant) + "/groups").then(), 400, "name is required");
        problem(admin().body("[1,2").post(base(tenant) + "/groups").then(), 400, "invalid JSON");
        problem(admin().body(Map.of("deviceIds", List.of())).post(members).then(), 400, "deviceIds or userIds must name at least");
        problem(admin().body(Map.of("deviceIds", List.of("mine", "ghost"))).post(members).then(), 400,
                "unknown device id(s) in tenant " + tenant + ": ghost");
        problem(admin().body(Map.of("deviceIds", List.of("foreign"))).post(members).then(), 400, "foreign");
        problem(admin().body(Map.of("userIds", List.of("ghost-user"))).post(members).then(), 400,
                "unknown user id(s) in tenant " + tenant + ": ghost-user");
        problem(admin().body(Map.of("deviceIds", List.of("mine"))).post(base(tenant) + "/groups/nope/members")
                .then(), 404, "group 'nope' not found");
        problem(admin().get(base(tenant) + "/groups/nope").then(), 404, "group 'nope' not found");
        // a group of another tenant is not found through this tenant
        String foreignGroup = createGroup(tenant + "-x", "theirs");
        problem(admin().get(base(tenant) + "/groups/" + foreignGroup).then(), 404, "not found");
        // the refused additions left the group empty
        admin().get(base(tenant) + "/groups/" + groupId).then().statusCode(200).body("deviceIds", empty());
    }

    @Test
    void groupsNeedProfileManageAndMembershipNeedsDeviceManage() {
        registerDevice(tenant, DeviceIdentity.of("r-1", "R1", "S", "WINDOWS", KeyAlgorithm.EC_P256));
        String groups = base(tenant) + "/groups";
        Map<String, String> group = Map.of("name", "rbac");
        as(null).body(group).post(groups).then().statusCode(401);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(group).post(groups).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, "other")).body(group).post(groups).then().statusCode(403);
        String groupId = as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(group).post(groups).then()
                .statusCode(201).extract().path("id");

        String members = groups + "/" + groupId + "/members";
        Map<String, List<String>> body = Map.of("deviceIds", List.of("r-1"));
        as(null).body(body).post(members).then().statusCode(401);
        as(Tokens.of(ApiRoles.PROFILE_MANAGE, tenant)).body(body).post(members).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, "other")).body(body).post(members).then().statusCode(403);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).body(body).post(members).then().statusCode(200)
                .body("added", equalTo(1));

        String one = groups + "/" + groupId;
        as(null).get(one).then().statusCode(401);
        as(Tokens.of(ApiRoles.DEVICE_MANAGE, tenant)).get(one).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, "other")).get(one).then().statusCode(403);
        as(Tokens.of(ApiRoles.PROFILE_READ, tenant)).get(one).then().statusCode(200);
    }

    @Test
    void membersComeInPagesWithTheCountsOfTheWholeGroup() {
        List<String> deviceMembers = List.of("m-1", "m-2", "m-3", "m-4", "m-5");
        for (String id : deviceMembers) {
            registerDevice(tenant, DeviceIdentity.of(id, id, "SN-" + id, "WINDOWS", KeyAlgorithm.EC_P256));
        }
        List<String> userMembers = List.of("u-1", "u-2", "u-3");
        for (String user : userMembers) {
            registerUser(tenant, userBody(user, "Given", "Sur"));
            Map<String, Object> device = deviceBody(DeviceIdentity.of(user + "-pc", user, "SN-" + user, "WINDOWS",
                    KeyAlgorithm.EC_P256));
            device.put("primaryUserId", user);
            admin().body(device).post(base(tenant) + "/devices").then().statusCode(201);
        }
        String groupId = createGroup(tenant, "paged");
        addMembers(tenant, groupId, deviceMembers.toArray(String[]::new));
        addUserMembers(tenant, groupId, userMembers.toArray(String[]::new));
        String members = base(tenant) + "/groups/" + groupId + "/members";

        List<String> devices = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> inScope = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 2);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            JsonPath page = request.get(members).then().statusCode(200).extract().jsonPath();
            assertEquals(5, page.getInt("deviceCount"));
            assertEquals(3, page.getInt("userCount"));
            assertEquals(8, page.getInt("effectiveDeviceCount"));
            devices.addAll(page.getList("deviceIds", String.class));
            users.addAll(page.getList("userIds", String.class));
            inScope.addAll(page.getList("effectiveDeviceIds", String.class));
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 10);
        assertEquals(4, pages, "8 devices in scope, 2 a page");
        assertEquals(deviceMembers, devices);
        assertEquals(userMembers, users);
        assertEquals(List.of("m-1", "m-2", "m-3", "m-4", "m-5", "u-1-pc", "u-2-pc", "u-3-pc"), inScope);

        JsonPath view = admin().get(base(tenant) + "/groups/" + groupId).then().statusCode(200).extract().jsonPath();
        assertEquals(5, view.getInt("deviceCount"));
        assertEquals(3, view.getInt("userCount"));
        JsonPath whole = admin().get(members).then().statusCode(200).extract().jsonPath();
        assertEquals(deviceMembers, whole.getList("deviceIds", String.class), "one page below the default limit");
        assertNull(whole.getString("next"));
        problem(admin().queryParam("after", "not-a-cursor").get(members).then(), 400, "after is not a cursor");
        problem(admin().queryParam("limit", 0).get(members).then(), 400, "limit must be between 1 and 1000");
    }

    @Test
    void aGroupsOwnViewShowsItsFirstMembersAndCountsThemAll() {
        String groupId = createGroup(tenant, "large");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < GroupView.MEMBERS_SHOWN + 2; i++) {
            String id = String.format("big-%03d", i);
            registerDevice(tenant, DeviceIdentity.of(id, id, "SN-" + id, "WINDOWS", KeyAlgorithm.EC_P256));
            ids.add(id);
        }
        addMembers(tenant, groupId, ids.toArray(String[]::new));

        JsonPath view = admin().get(base(tenant) + "/groups/" + groupId).then().statusCode(200).extract().jsonPath();
        assertEquals(ids.subList(0, GroupView.MEMBERS_SHOWN), view.getList("deviceIds", String.class));
        assertEquals(GroupView.MEMBERS_SHOWN + 2, view.getInt("deviceCount"));
        assertEquals(0, view.getInt("userCount"));
    }
}
