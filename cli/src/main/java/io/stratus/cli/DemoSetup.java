package io.stratus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The PKI the demo and the bench enroll against: a root and an issuing CA (reused by name), trusted
 * certificate profiles for both and a SCEP profile on the issuing CA.
 */
final class DemoSetup {
    static final String ROOT_NAME = "Stratus Demo Root CA";
    static final String ISSUING_NAME = "Stratus Demo Issuing CA";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Duration CA_ANNOUNCEMENT_WAIT = Duration.ofSeconds(30);

    /** The CAs and the SCEP profile to assign. */
    record Pki(JsonNode root, JsonNode issuing, String scepProfileId) {
        String rootId() {
            return root.path("id").asText();
        }

        String issuingId() {
            return issuing.path("id").asText();
        }
    }

    private final StratusApi api;
    private final String tenant;
    private final PrintWriter log;

    DemoSetup(StratusApi api, String tenant, PrintWriter log) {
        this.api = api;
        this.tenant = tenant;
        this.log = log;
    }

    Pki prepare(String runId, Duration timeout) {
        List<JsonNode> cas = api.authorities(tenant);
        JsonNode root = find(cas, ROOT_NAME, "ROOT", null).orElseGet(() -> createRoot());
        String rootId = root.path("id").asText();
        JsonNode issuing = find(cas, ISSUING_NAME, "ISSUING", rootId).orElseGet(() -> createIssuing(rootId));
        String scepUrl = issuing.path("scepUrl").asText("");
        if (scepUrl.isEmpty()) {
            throw new StackException("the issuing CA " + issuing.path("id").asText() + " has no scepUrl");
        }
        awaitScep(scepUrl, timeout);

        String trustedRoot = api.createTrustedProfile(tenant, Map.of("name", "Demo root trust " + runId, "platform", "WINDOWS",
                "certificatePem", api.authorityCertificatePem(tenant, rootId), "store", "COMPUTER_ROOT", "authorityId", rootId))
                .path("id").asText();
        String trustedIssuing = api.createTrustedProfile(tenant, Map.of("name", "Demo issuing trust " + runId, "platform", "WINDOWS",
                "certificatePem", api.authorityCertificatePem(tenant, issuing.path("id").asText()),
                "store", "COMPUTER_INTERMEDIATE", "authorityId", issuing.path("id").asText())).path("id").asText();
        Map<String, Object> scep = new LinkedHashMap<>();
        scep.put("name", "Demo SCEP device certificate " + runId);
        scep.put("platform", "WINDOWS");
        scep.put("certificateType", "DEVICE");
        scep.put("authorityId", issuing.path("id").asText());
        scep.put("scepUrl", scepUrl);
        scep.put("subjectNameFormat", "CN={{DeviceName}}");
        scep.put("subjectAlternativeNames", List.of(Map.of("type", "DNS", "value", "{{DeviceName}}.demo.stratus.test")));
        scep.put("validityDays", 365);
        scep.put("keyAlgorithm", "RSA");
        scep.put("keySize", 2048);
        scep.put("keyUsages", List.of("digitalSignature", "keyEncipherment"));
        scep.put("extendedKeyUsages", List.of(CLIENT_AUTH));
        scep.put("renewalThresholdPercent", 20);
        scep.put("trustedProfileIds", List.of(trustedRoot, trustedIssuing));
        String scepProfile = createScepProfileOnceTheCaIsKnown(tenant, scep);
        log.println("Profiles: trusted root " + trustedRoot + ", trusted issuing " + trustedIssuing + ", SCEP " + scepProfile);
        log.flush();
        return new Pki(root, issuing, scepProfile);
    }

    /**
     * profile-service learns CAs from ca-service's AuthorityCreated events, so right after the CAs were
     * created it may not know the issuing CA yet and refuses the profile: try again for a while.
     */
    private String createScepProfileOnceTheCaIsKnown(String tenant, Map<String, Object> scep) {
        long deadline = System.nanoTime() + CA_ANNOUNCEMENT_WAIT.toNanos();
        while (true) {
            try {
                return api.createScepProfile(tenant, scep).path("id").asText();
            } catch (StratusApi.ApiException e) {
                boolean caNotKnownYet = e.status() == 400 && e.getMessage().contains("is not a CA known");
                if (!caNotKnownYet || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(250);
            }
        }
    }

    String createGroup(String name) {
        return api.createGroup(tenant, name).path("id").asText();
    }

    /** Assigns the SCEP profile to the group: every member (now and later) gets a ProfileAssigned. */
    void assign(Pki pki, String groupId) {
        JsonNode a = api.assign(tenant, pki.scepProfileId(), groupId);
        int members = a.path("devices").asInt(0);
        String rollingOut = "IN_PROGRESS".equals(a.path("rollout").asText()) ? ", the rest in the background" : "";
        log.println("Assigned the SCEP profile to group " + groupId + (members > 0 ? " (" + members + " devices"
                + rollingOut + ")" : " (its devices get it as they join)"));
        log.flush();
    }

    private Optional<JsonNode> find(List<JsonNode> cas, String name, String kind, String parentId) {
        Optional<JsonNode> found = cas.stream()
                .filter(a -> name.equals(a.path("displayName").asText()) && kind.equals(a.path("kind").asText()))
                .filter(a -> parentId == null || parentId.equals(a.path("parentId").asText()))
                .filter(a -> "ACTIVE".equals(a.path("status").asText("ACTIVE")))
                .findFirst();
        found.ifPresent(a -> log.println("Reusing " + name + " (" + a.path("id").asText() + ")"));
        return found;
    }

    private JsonNode createRoot() {
        JsonNode ca = api.createAuthority(tenant, authority(ROOT_NAME, "ROOT", null, 20));
        log.println("Created " + ROOT_NAME + " (" + ca.path("id").asText() + ")");
        return ca;
    }

    private JsonNode createIssuing(String rootId) {
        JsonNode ca = api.createAuthority(tenant, authority(ISSUING_NAME, "ISSUING", rootId, 10));
        log.println("Created " + ISSUING_NAME + " (" + ca.path("id").asText() + ")");
        return ca;
    }

    private static Map<String, Object> authority(String name, String kind, String parentId, int years) {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("commonName", name);
        subject.put("organization", "Stratus Demo");
        subject.put("country", "US");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", name);
        body.put("kind", kind);
        body.put("parentId", parentId);
        body.put("subject", subject);
        body.put("validityYears", years);
        body.put("keyAlgorithm", "RSA_2048");
        body.put("extendedKeyUsages", List.of("CLIENT_AUTH", "SERVER_AUTH"));
        return body;
    }

    /** The enrollment-service learns the CA over Kafka and needs an RA certificate before SCEP works. */
    private void awaitScep(String scepUrl, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!api.scepReady(scepUrl)) {
            if (System.nanoTime() > deadline) {
                throw new StackException("SCEP endpoint " + scepUrl + " is not ready after " + timeout.toSeconds()
                        + " s (GetCACert does not answer 200); see the enrollment-service and ca-service logs");
            }
            sleep(250);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
