package io.stratus.cli;

import static io.stratus.cli.Formats.text;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The short human output of the profile-service verbs (their {@code --json} prints the API's JSON instead). */
final class ProfileFormats {
    private ProfileFormats() {
    }

    static String device(JsonNode d) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"id", text(d, "id")});
        kv.add(new String[] {"name", text(d, "name")});
        kv.add(new String[] {"platform", text(d, "platform")});
        opt(kv, d, "serialNumber", "serial");
        opt(kv, d, "imei", "IMEI");
        opt(kv, d, "wifiMacAddress", "Wi-Fi MAC");
        opt(kv, d, "primaryUserId", "primary user");
        kv.add(new String[] {"identity key", d.hasNonNull("identityPublicKey")
                ? (d.hasNonNull("identityKeyAlgorithm") ? text(d, "identityKeyAlgorithm") : "yes") : "none"});
        opt(kv, d, "createdAt", "created");
        return keyValues(kv);
    }

    static String users(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode u : list) {
            rows.add(List.of(text(u, "id"), text(u, "userPrincipalName"), text(u, "email"),
                    (text(u, "givenName") + " " + text(u, "surname")).trim()));
        }
        return rows.isEmpty() ? "No users.\n" : Formats.table(List.of("ID", "UPN", "EMAIL", "NAME"), rows);
    }

    /** {@code {"imported":n,"rejected":[{"row":k,"reason":"…"}]}}. */
    static String imported(String what, JsonNode r) {
        JsonNode rejected = r.path("rejected");
        StringBuilder sb = new StringBuilder("Imported " + r.path("imported").asLong() + " " + what + "(s), rejected " + rejected.size()
                + (rejected.isEmpty() ? ".\n" : ":\n"));
        if (!rejected.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rejected.forEach(x -> rows.add(List.of(text(x, "row"), text(x, "reason"))));
            sb.append(Formats.table(List.of("ROW", "REASON"), rows));
        }
        return sb.toString();
    }

    static String group(JsonNode g) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"id", text(g, "id")});
        kv.add(new String[] {"name", text(g, "name")});
        kv.add(new String[] {"devices", join(g.path("deviceIds"))});
        kv.add(new String[] {"users", join(g.path("userIds"))});
        return keyValues(kv);
    }

    /** A SCEP profile (it has a certificateType) or a trusted-certificate profile. */
    static String profile(JsonNode p) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"id", text(p, "id")});
        kv.add(new String[] {"name", text(p, "name")});
        kv.add(new String[] {"platform", text(p, "platform")});
        if (p.has("certificateType")) {
            kv.add(new String[] {"kind", "SCEP, " + text(p, "certificateType") + " certificates"});
            kv.add(new String[] {"CA", text(p, "authorityId")});
            kv.add(new String[] {"SCEP URL", text(p, "scepUrl")});
            kv.add(new String[] {"subject", text(p, "subjectNameFormat")});
            List<String> sans = new ArrayList<>();
            p.path("subjectAlternativeNames").forEach(s -> sans.add(text(s, "type") + "=" + text(s, "value")));
            kv.add(new String[] {"SANs", String.join(", ", sans)});
            kv.add(new String[] {"validity", text(p, "validityDays") + " days"});
            kv.add(new String[] {"key", text(p, "keyAlgorithm") + " " + text(p, "keySize")});
            kv.add(new String[] {"key usages", join(p.path("keyUsages"))});
            List<String> ekus = new ArrayList<>();
            p.path("extendedKeyUsages").forEach(e -> ekus.add(Formats.Ekus.name(e.asText())));
            kv.add(new String[] {"EKUs", String.join(", ", ekus)});
            kv.add(new String[] {"renewal at", text(p, "renewalThresholdPercent") + "% left"});
            kv.add(new String[] {"trusted", join(p.path("trustedProfileIds"))});
        } else {
            kv.add(new String[] {"kind", "trusted certificate"});
            kv.add(new String[] {"store", text(p, "store")});
            opt(kv, p, "authorityId", "CA");
            opt(kv, p, "subjectDn", "subject");
        }
        opt(kv, p, "createdAt", "created");
        return keyValues(kv);
    }

    static String report(JsonNode r) {
        StringBuilder sb = new StringBuilder("Profile " + text(r, "profileId") + ": " + r.path("succeeded").asLong() + " succeeded, "
                + r.path("pending").asLong() + " pending, " + r.path("failed").asLong() + " failed, " + r.path("notApplicable").asLong()
                + " not applicable\n");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode d : r.path("devices")) {
            rows.add(List.of(text(d, "deviceId"), text(d, "status"), text(d, "serialNumber"), text(d, "updatedAt"), text(d, "reason")));
        }
        sb.append(rows.isEmpty() ? "No devices.\n" : Formats.table(List.of("DEVICE", "STATUS", "SERIAL", "UPDATED", "REASON"), rows));
        return sb.toString();
    }

    private static String join(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(e -> l.add(e.asText()));
        return String.join(", ", l);
    }

    private static void opt(List<String[]> kv, JsonNode n, String field, String label) {
        if (n.hasNonNull(field) && !n.get(field).asText().isEmpty()) {
            kv.add(new String[] {label, n.get(field).asText()});
        }
    }

    private static String keyValues(List<String[]> kv) {
        int w = kv.stream().mapToInt(p -> p[0].length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String[] p : kv) {
            sb.append(p[0]).append(':').append(" ".repeat(w - p[0].length() + 1)).append(p[1]).append('\n');
        }
        return sb.toString();
    }
}
