package io.stratus.simulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.service.DeviceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/** profile-service over HTTP: device registration of devices and users, group membership (role {@code device.manage}). */
@ApplicationScoped
public class ProfileServiceClient implements DeviceDirectory {

    private final HttpClient http;
    private final ObjectMapper json;
    private final SimulatorConfig config;

    public ProfileServiceClient(HttpClient http, ObjectMapper json, SimulatorConfig config) {
        this.http = http;
        this.json = json;
        this.config = config;
    }

    @Override
    public void register(String tenant, DeviceRegistration registration) {
        post(tenantPath(tenant) + "/devices", registration, List.of(201), "register device " + registration.id());
    }

    @Override
    public void registerUser(String tenant, UserRegistration user) {
        post(tenantPath(tenant) + "/users", user, List.of(201, 409), "register user " + user.id());
    }

    @Override
    public void addMembers(String tenant, String groupId, List<String> deviceIds) {
        post(tenantPath(tenant) + "/groups/" + encode(groupId) + "/members", Map.of("deviceIds", deviceIds), List.of(200),
                "add " + deviceIds.size() + " devices to group " + groupId);
    }

    private void post(String path, Object body, List<Integer> expectedStatus, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(config.httpTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        config.token().filter(t -> !t.isBlank()).ifPresent(t -> request.header("Authorization", "Bearer " + t.trim()));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DirectoryException("cannot " + what + ": profile-service unreachable (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryException("interrupted while trying to " + what, e);
        }
        if (!expectedStatus.contains(response.statusCode())) {
            throw new DirectoryException("cannot " + what + ": profile-service answered " + response.statusCode()
                    + detail(response.body()));
        }
    }

    private String base() {
        String url = config.profileUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String tenantPath(String tenant) {
        return "/api/v1/tenants/" + encode(tenant);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a request to profile-service", e);
        }
    }

    /** The problem detail of an error answer, if it has one. */
    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return " (" + problem.get("detail").asText() + ")";
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // not a problem document
        }
        return "";
    }
}
