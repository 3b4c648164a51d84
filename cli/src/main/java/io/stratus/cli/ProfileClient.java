package io.stratus.cli;

import java.util.Map;

/** The profile-service REST API (docs/profiles.md) as the device, user, group, profile, assignment and report verbs use it. */
final class ProfileClient {
    private final AdminClient http;

    ProfileClient(AdminClient http) {
        this.http = http;
    }

    String baseUrl() {
        return http.baseUrl();
    }

    // devices and users

    AdminClient.Answer registerDevice(Map<String, Object> body) {
        return http.post(http.api("/devices"), body);
    }

    AdminClient.Answer device(String id) {
        return http.get(http.api(devicePath(id)));
    }

    AdminClient.Answer devices(int limit, int offset) {
        return http.get(http.api("/devices?limit=" + limit + "&offset=" + offset));
    }

    AdminClient.Answer patchDevice(String id, Map<String, Object> changes) {
        return http.patch(http.api(devicePath(id)), changes);
    }

    AdminClient.Answer deleteDevice(String id) {
        return http.delete(http.api(devicePath(id)));
    }

    AdminClient.Answer deviceReport(String id) {
        return http.get(http.api(devicePath(id) + "/report"));
    }

    AdminClient.Answer importDevices(String contentType, byte[] body) {
        return http.post(http.api("/devices:import"), contentType, body);
    }

    AdminClient.Answer registerUser(Map<String, Object> body) {
        return http.post(http.api("/users"), body);
    }

    AdminClient.Answer users(int limit) {
        return http.get(http.api("/users?limit=" + limit));
    }

    AdminClient.Answer user(String id) {
        return http.get(http.api(userPath(id)));
    }

    AdminClient.Answer patchUser(String id, Map<String, Object> changes) {
        return http.patch(http.api(userPath(id)), changes);
    }

    AdminClient.Answer deleteUser(String id) {
        return http.delete(http.api(userPath(id)));
    }

    AdminClient.Answer importUsers(String contentType, byte[] body) {
        return http.post(http.api("/users:import"), contentType, body);
    }

    // groups

    /** {@code body}: {@code name} and, for a dynamic group, {@code membershipRule}. */
    AdminClient.Answer createGroup(Map<String, Object> body) {
        return http.post(http.api("/groups"), body);
    }

    AdminClient.Answer groups(int limit, int offset) {
        return http.get(http.api("/groups?limit=" + limit + "&offset=" + offset));
    }

    AdminClient.Answer group(String id) {
        return http.get(http.api(groupPath(id)));
    }

    /** Renames the group and sets its rule; a body without {@code membershipRule} makes it static. */
    AdminClient.Answer updateGroup(String id, Map<String, Object> body) {
        return http.put(http.api(groupPath(id)), body);
    }

    AdminClient.Answer deleteGroup(String id) {
        return http.delete(http.api(groupPath(id)));
    }

    AdminClient.Answer groupMembers(String id, CursorOptions page) {
        return http.get(http.api(groupPath(id) + "/members" + page.query()));
    }

    AdminClient.Answer addMembers(String group, Map<String, Object> body) {
        return http.post(http.api("/groups/" + AdminClient.enc(group) + "/members"), body);
    }

    AdminClient.Answer removeMember(String group, String member) {
        return http.delete(http.api("/groups/" + AdminClient.enc(group) + "/members/" + AdminClient.enc(member)));
    }

    // profiles

    AdminClient.Answer createTrusted(Map<String, Object> body) {
        return http.post(http.api("/profiles/trusted"), body);
    }

    AdminClient.Answer trusted(String id) {
        return http.get(http.api("/profiles/trusted/" + AdminClient.enc(id)));
    }

    AdminClient.Answer trustedProfiles() {
        return http.get(http.api("/profiles/trusted"));
    }

    AdminClient.Answer updateTrusted(String id, Map<String, Object> body) {
        return http.put(http.api("/profiles/trusted/" + AdminClient.enc(id)), body);
    }

    AdminClient.Answer deleteTrusted(String id) {
        return http.delete(http.api("/profiles/trusted/" + AdminClient.enc(id)));
    }

    AdminClient.Answer createScep(Map<String, Object> body) {
        return http.post(http.api("/profiles/scep"), body);
    }

    AdminClient.Answer scep(String id) {
        return http.get(http.api("/profiles/scep/" + AdminClient.enc(id)));
    }

    AdminClient.Answer scepProfiles() {
        return http.get(http.api("/profiles/scep"));
    }

    AdminClient.Answer updateScep(String id, Map<String, Object> body) {
        return http.put(http.api("/profiles/scep/" + AdminClient.enc(id)), body);
    }

    AdminClient.Answer deleteScep(String id) {
        return http.delete(http.api("/profiles/scep/" + AdminClient.enc(id)));
    }

    /** One page of a profile's deployment report (the counts cover every device). */
    AdminClient.Answer report(String profileId, CursorOptions page) {
        return http.get(http.api("/profiles/" + AdminClient.enc(profileId) + "/report" + page.query()));
    }

    // assignments

    AdminClient.Answer createAssignment(Map<String, Object> body) {
        return http.post(http.api("/assignments"), body);
    }

    AdminClient.Answer deleteAssignment(String id) {
        return http.delete(http.api("/assignments/" + AdminClient.enc(id)));
    }

    AdminClient.Answer assignments() {
        return http.get(http.api("/assignments"));
    }

    private static String devicePath(String id) {
        return "/devices/" + AdminClient.enc(id);
    }

    private static String userPath(String id) {
        return "/users/" + AdminClient.enc(id);
    }

    private static String groupPath(String id) {
        return "/groups/" + AdminClient.enc(id);
    }
}
