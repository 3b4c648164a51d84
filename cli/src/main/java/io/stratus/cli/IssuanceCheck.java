package io.stratus.cli;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What ca-service itself recorded for a bench run, not what the bench counted: the certificates its issuing CA signed
 * since the run started, and how many devices got more than one. Nothing lost and nothing doubled means as many
 * certificates as the bench saw issued, one per device.
 */
record IssuanceCheck(int certificates, int devicesWithSeveral) {

    private static final int PAGE = 1000;

    /**
     * Reads the CA's certificates issued at or after {@code since} (oldest first, keyset pages): what the run added,
     * however many the inventory held before.
     */
    static IssuanceCheck of(StratusApi api, String tenant, String authorityId, Instant since) {
        Map<String, Integer> perDevice = new HashMap<>();
        int certificates = 0;
        String after = null;
        do {
            JsonNode page = api.certificatePage(tenant, authorityId, since, after, PAGE);
            for (JsonNode item : page.path("items")) {
                certificates++;
                perDevice.merge(item.path("deviceId").asText(""), 1, Integer::sum);
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null && !after.isEmpty());
        int several = (int) perDevice.values().stream().filter(count -> count > 1).count();
        return new IssuanceCheck(certificates, several);
    }

    boolean matches(int issued) {
        return certificates == issued && devicesWithSeveral == 0;
    }

    String line(int issued) {
        return String.format("Checked at ca-service: %d certificates signed for this run (the bench saw %d issued), "
                + "%d devices with more than one%s", certificates, issued, devicesWithSeveral,
                matches(issued) ? ": nothing lost, nothing doubled" : ": MISMATCH");
    }
}
