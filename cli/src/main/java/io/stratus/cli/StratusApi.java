package io.stratus.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** The services' REST APIs as the demo and bench use them (docs/architecture.md, "REST contracts"). */
final class StratusApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Bulk calls (an import, an assignment to a large group) take longer than a single change. */
    private static final Duration BULK_TIMEOUT = Duration.ofMinutes(5);

    /** A non-2xx answer or a failed call; the message carries the problem detail. */
    static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StackConfig config;
    private final String token;

    StratusApi(StackConfig config, String token) {
        this.config = config;
        this.token = token;
    }

    // ca-service

    List<JsonNode> authorities(String tenant) {
        return list(get(Service.CA, "/api/v1/tenants/" + enc(tenant) + "/authorities"));
    }

    JsonNode createAuthority(String tenant, Map<String, Object> body) {
        return post(Service.CA, "/api/v1/tenants/" + enc(tenant) + "/authorities", body);
    }

    String authorityCertificatePem(String tenant, String id) {
        return text(Service.CA, "/api/v1/tenants/" + enc(tenant) + "/authorities/" + enc(id) + "/certificate?format=pem", true)
                .orElseThrow(() -> new ApiException("CA " + id + " has no certificate", 404));
    }

    // profile-service

    JsonNode createTrustedProfile(String tenant, Map<String, Object> body) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/profiles/trusted", body);
    }

    JsonNode createScepProfile(String tenant, Map<String, Object> body) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/profiles/scep", body);
    }

    JsonNode createGroup(String tenant, String name) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/groups", Map.of("name", name));
    }

    JsonNode assign(String tenant, String profileId, String groupId) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/assignments",
                Map.of("profileId", profileId, "includeGroupIds", List.of(groupId), "excludeGroupIds", List.of()),
                BULK_TIMEOUT);
    }

    /** A group whose members are the devices its rule matches (for example {@code device.name -startsWith "x"}). */
    JsonNode createDynamicGroup(String tenant, String name, String membershipRule) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/groups",
                Map.of("name", name, "membershipRule", membershipRule), BULK_TIMEOUT);
    }

    /** Registers devices in bulk ({@code POST /devices/import}): {@code imported}, {@code skipped}, {@code invalid}. */
    JsonNode importDevices(String tenant, List<Map<String, String>> rows) {
        return post(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/devices/import", rows, BULK_TIMEOUT);
    }

    // enrollment-service

    /** True once the SCEP endpoint hands out its CA/RA certificates (503 until the RA certificate exists). */
    boolean scepReady(String scepUrl) {
        var future = http.sendAsync(HttpRequest.newBuilder(URI.create(scepUrl + "?operation=GetCACert"))
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> r = future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return r.statusCode() == 200 && r.body().length > 0;
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", -1);
        }
    }

    // device-simulator

    JsonNode createFleetDevices(String tenant, String groupId, int count, String namePrefix) {
        return post(Service.SIMULATOR, "/api/v1/fleet/devices", Map.of("tenant", tenant, "groupId", groupId, "count", count,
                "platform", "WINDOWS", "namePrefix", namePrefix));
    }

    List<JsonNode> fleetDevices(String tenant) {
        return list(get(Service.SIMULATOR, "/api/v1/fleet/devices?tenant=" + enc(tenant)));
    }

    /** The device's certificate (PEM), empty until it is enrolled. */
    Optional<String> deviceCertificate(String deviceId) {
        return text(Service.SIMULATOR, "/api/v1/fleet/devices/" + enc(deviceId) + "/certificate", false);
    }

    JsonNode startBench(String tenant, String groupId, int devices, int concurrency) {
        return post(Service.SIMULATOR, "/api/v1/fleet/bench", Map.of("tenant", tenant, "groupId", groupId, "devices", devices,
                "concurrency", concurrency));
    }

    /** A static-challenge bench: the same client and requests against any SCEP URL (Stratus or a peer server). */
    JsonNode startStaticBench(String scepUrl, String challenge, int devices, int concurrency) {
        return post(Service.SIMULATOR, "/api/v1/fleet/bench", Map.of("scepUrl", scepUrl, "challenge", challenge,
                "devices", devices, "concurrency", concurrency));
    }

    /** Turns off a CA's static SCEP challenge. */
    void disableStaticChallenge(String tenant, String authorityId) {
        String path = staticChallengePath(tenant, authorityId);
        HttpResponse<String> r = send(Service.ENROLLMENT, request(Service.ENROLLMENT, path).DELETE());
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404) {
            throw failure("DELETE", Service.ENROLLMENT, path, r);
        }
    }

    private static String staticChallengePath(String tenant, String authorityId) {
        return "/api/v1/tenants/" + enc(tenant) + "/scep/" + enc(authorityId) + "/static-challenge";
    }

    /** Turns on a CA's static SCEP challenge (for benchmarks and legacy clients; never for fleets). */
    void enableStaticChallenge(String tenant, String authorityId, String challenge) {
        String path = staticChallengePath(tenant, authorityId);
        try {
            String json = Json.MAPPER.writeValueAsString(Map.of("challenge", challenge));
            json(send(Service.ENROLLMENT, request(Service.ENROLLMENT, path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json))), "PUT", Service.ENROLLMENT, path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One keyset page of a CA's certificates, oldest first (ca-service's inventory). */
    JsonNode certificatePage(String tenant, String authorityId, String after, int limit) {
        return certificatePage(tenant, authorityId, null, after, limit);
    }

    /** A page of the CA's certificates issued at or after {@code issuedAfter} (null: all of them). */
    JsonNode certificatePage(String tenant, String authorityId, Instant issuedAfter, String after, int limit) {
        return get(Service.CA, "/api/v1/tenants/" + enc(tenant) + "/certificates?authorityId=" + enc(authorityId)
                + "&limit=" + limit + (issuedAfter == null ? "" : "&issuedAfter=" + enc(issuedAfter.toString()))
                + (after == null ? "" : "&after=" + enc(after)));
    }

    JsonNode bench(String id) {
        return get(Service.SIMULATOR, "/api/v1/fleet/bench/" + enc(id));
    }

    /** Holds a bench run: no further device starts its enrollment until {@link #releaseBench}. */
    JsonNode holdBench(String id) {
        return post(Service.SIMULATOR, "/api/v1/fleet/bench/" + enc(id) + "/hold", Map.of());
    }

    JsonNode releaseBench(String id) {
        return post(Service.SIMULATOR, "/api/v1/fleet/bench/" + enc(id) + "/release", Map.of());
    }

    /** The serial number of the certificate each device of a bench run received. */
    JsonNode benchCertificates(String id) {
        return get(Service.SIMULATOR, "/api/v1/fleet/bench/" + enc(id) + "/certificates");
    }

    /** A profile's deployment report (profile-service): succeeded, pending, failed, not applicable. */
    JsonNode profileReport(String tenant, String profileId) {
        return get(Service.PROFILE, "/api/v1/tenants/" + enc(tenant) + "/profiles/" + enc(profileId) + "/report");
    }

    /** Verifies the tenant's audit chain (ca-service): {@code valid}, {@code records}, or the first bad record. */
    JsonNode verifyAudit(String tenant) {
        return post(Service.CA, "/api/v1/tenants/" + enc(tenant) + "/audit/verify", Map.of());
    }

    // plumbing

    private JsonNode get(Service s, String path) {
        return json(send(s, request(s, path).GET()), "GET", s, path);
    }

    private JsonNode post(Service s, String path, Object body) {
        return post(s, path, body, TIMEOUT);
    }

    private JsonNode post(Service s, String path, Object body, Duration timeout) {
        try {
            String json = Json.MAPPER.writeValueAsString(body);
            return json(send(s, request(s, path).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))), "POST", s, path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text body, or empty on 404 when {@code required} is false. */
    private Optional<String> text(Service s, String path, boolean required) {
        HttpResponse<String> r = send(s, request(s, path).setHeader("Accept", "application/x-pem-file, text/plain, */*").GET());
        if (r.statusCode() == 404 && !required) {
            return Optional.empty();
        }
        if (r.statusCode() / 100 != 2) {
            throw failure("GET", s, path, r);
        }
        return Optional.of(r.body());
    }

    private HttpRequest.Builder request(Service s, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUrl(s) + path)).timeout(TIMEOUT);
        if (s != Service.SIMULATOR) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.setHeader("Accept", "application/json");
    }

    private HttpResponse<String> send(Service s, HttpRequest.Builder b) {
        HttpRequest req = b.build();
        Duration timeout = req.timeout().orElse(TIMEOUT);
        // the request timeout covers the headers only; bound the whole exchange, body included
        var future = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ApiException(req.method() + " " + req.uri() + " failed: " + e.getCause()
                    + " (is " + s.id() + " running? try `stratus status`)", -1);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ApiException(req.method() + " " + req.uri() + " gave no complete answer within " + (timeout.toSeconds() + 5)
                    + " s; see the " + s.id() + " log", -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", -1);
        }
    }

    private JsonNode json(HttpResponse<String> r, String method, Service s, String path) {
        if (r.statusCode() / 100 != 2) {
            throw failure(method, s, path, r);
        }
        try {
            return r.body() == null || r.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(method + " " + config.baseUrl(s) + path + " answered " + r.statusCode()
                    + " with a body that is not JSON: " + abbreviate(r.body()), r.statusCode());
        }
    }

    private ApiException failure(String method, Service s, String path, HttpResponse<String> r) {
        String detail = abbreviate(r.body());
        try {
            JsonNode problem = Json.MAPPER.readTree(r.body());
            if (problem != null && (problem.has("title") || problem.has("detail"))) {
                detail = problem.path("title").asText("") + (problem.has("detail") ? ": " + problem.get("detail").asText() : "");
            }
        } catch (JsonProcessingException | IllegalArgumentException ignored) {
            // not problem+json
        }
        return new ApiException(method + " " + config.baseUrl(s) + path + " -> " + r.statusCode() + " " + detail, r.statusCode());
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(l::add);
        } else if (array.has("items") && array.get("items").isArray()) {
            array.get("items").forEach(l::add);
        }
        return l;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }
}
