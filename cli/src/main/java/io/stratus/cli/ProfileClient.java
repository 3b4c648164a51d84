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
        return http.get(http.api("/devices/" + AdminClient.enc(id)));
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

    AdminClient.Answer importUsers(String contentType, byte[] body) {
        return http.post(http.api("/users:import"), contentType, body);
    }

    // groups

    AdminClient.Answer createGroup(String name) {
        return http.post(http.api("/groups"), Map.of("name", name));
    }

    AdminClient.Answer group(String id) {
        return http.get(http.api("/groups/" + AdminClient.enc(id)));
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

    AdminClient.Answer createScep(Map<String, Object> body) {
        return http.post(http.api("/profiles/scep"), body);
    }

    AdminClient.Answer scep(String id) {
        return http.get(http.api("/profiles/scep/" + AdminClient.enc(id)));
    }

    AdminClient.Answer updateScep(String id, Map<String, Object> body) {
        return http.put(http.api("/profiles/scep/" + AdminClient.enc(id)), body);
    }

    AdminClient.Answer deleteScep(String id) {
        return http.delete(http.api("/profiles/scep/" + AdminClient.enc(id)));
    }

    AdminClient.Answer report(String profileId) {
        return http.get(http.api("/profiles/" + AdminClient.enc(profileId) + "/report"));
    }

    // assignments

    AdminClient.Answer createAssignment(Map<String, Object> body) {
        return http.post(http.api("/assignments"), body);
    }

    AdminClient.Answer deleteAssignment(String id) {
        return http.delete(http.api("/assignments/" + AdminClient.enc(id)));
    }
}
