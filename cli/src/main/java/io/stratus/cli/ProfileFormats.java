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

    static String devices(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode d : list) {
            rows.add(List.of(text(d, "id"), text(d, "name"), text(d, "platform"), text(d, "serialNumber"), text(d, "primaryUserId")));
        }
        return rows.isEmpty() ? "No devices.\n" : Formats.table(List.of("ID", "NAME", "PLATFORM", "SERIAL", "PRIMARY USER"), rows);
    }

    /** {@code GET /devices/{id}/report}: the counts, then one row per profile (per assignment) on the device. */
    static String deviceReport(JsonNode r) {
        StringBuilder sb = new StringBuilder("Device " + text(r, "deviceId") + ": " + counts(r));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : r.path("profiles")) {
            rows.add(List.of(text(p, "profileId"), text(p, "profileName"), text(p, "status"), text(p, "serialNumber"),
                    Formats.date(p, "notAfter"), text(p, "reason")));
        }
        sb.append(rows.isEmpty() ? "No profiles.\n"
                : Formats.table(List.of("PROFILE", "NAME", "STATUS", "SERIAL", "NOT AFTER", "REASON"), rows));
        return sb.toString();
    }

    /** {@code {"id","assigned","unassigned","failed"}} of a deleted device or user. */
    static String inventoryDeleted(String what, JsonNode r) {
        return "Deleted " + what + " " + text(r, "id") + ": " + r.path("assigned").asLong() + " assigned, " + r.path("unassigned").asLong()
                + " unassigned, " + r.path("failed").asLong() + " failed\n";
    }

    static String user(JsonNode u) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"id", text(u, "id")});
        kv.add(new String[] {"UPN", text(u, "userPrincipalName")});
        opt(kv, u, "email", "email");
        opt(kv, u, "givenName", "given name");
        opt(kv, u, "surname", "surname");
        opt(kv, u, "onPremDistinguishedName", "on-prem DN");
        opt(kv, u, "onPremSamAccountName", "SAM");
        opt(kv, u, "createdAt", "created");
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
        opt(kv, g, "membershipType", "type");
        opt(kv, g, "membershipRule", "rule");
        kv.add(new String[] {"devices", counted(g, "deviceIds", "deviceCount")});
        kv.add(new String[] {"users", counted(g, "userIds", "userCount")});
        return keyValues(kv);
    }

    /** The answer of {@code POST /groups} (a GroupView). */
    static String groupCreated(JsonNode g) {
        String head = "Created " + (isDynamic(g) ? "dynamic " : "") + "group " + text(g, "name") + " (" + text(g, "id") + ")";
        if (!isDynamic(g)) {
            return head + "\n";
        }
        return head + ": " + g.path("deviceCount").asLong(g.path("deviceIds").size()) + " device(s) and "
                + g.path("userCount").asLong(g.path("userIds").size()) + " user(s) match the rule\n";
    }

    /** The answer of {@code PUT /groups/{id}}: {@code {"group","added","removed","assigned","unassigned"}}. */
    static String groupChanged(JsonNode r) {
        JsonNode g = r.path("group");
        return "Updated group " + text(g, "name") + " (" + text(g, "id") + "), " + (isDynamic(g) ? "dynamic" : "static") + ": "
                + r.path("added").asLong() + " member(s) joined, " + r.path("removed").asLong() + " left; "
                + r.path("assigned").asLong() + " assigned, " + r.path("unassigned").asLong() + " unassigned\n";
    }

    static String groups(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode g : list) {
            rows.add(List.of(text(g, "id"), text(g, "name"), text(g, "membershipType"), text(g, "membershipRule")));
        }
        return rows.isEmpty() ? "No groups.\n" : Formats.table(List.of("ID", "NAME", "TYPE", "RULE"), rows);
    }

    /** One page of {@code {"groupId","membershipType","deviceIds","userIds","effectiveDeviceIds"}}, the counts and {@code next}. */
    static String groupMembers(JsonNode m) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"group", text(m, "groupId") + (m.hasNonNull("membershipType") ? " (" + text(m, "membershipType") + ")" : "")});
        kv.add(new String[] {"devices", counted(m, "deviceIds", "deviceCount")});
        kv.add(new String[] {"users", counted(m, "userIds", "userCount")});
        kv.add(new String[] {"in scope", counted(m, "effectiveDeviceIds", "effectiveDeviceCount")});
        String more = m.hasNonNull("next") ? "More: --after " + m.get("next").asText() + "\n" : "";
        return keyValues(kv) + more;
    }

    /** The ids of a page, with the list's total when the page shows only part of it. */
    private static String counted(JsonNode m, String ids, String count) {
        String page = join(m.path(ids));
        long total = m.path(count).asLong(m.path(ids).size());
        return total > m.path(ids).size() ? page + " (" + m.path(ids).size() + " of " + total + ")" : page;
    }

    private static boolean isDynamic(JsonNode g) {
        return "DYNAMIC".equals(text(g, "membershipType")) || !text(g, "membershipRule").isEmpty();
    }

    /**
     * {@code profile list}: SCEP and trusted-certificate profiles in one table. {@code scep} or {@code trusted} may be
     * null (not asked for).
     */
    static String profiles(JsonNode scep, JsonNode trusted) {
        List<List<String>> rows = new ArrayList<>();
        if (scep != null) {
            for (JsonNode p : scep) {
                rows.add(List.of(text(p, "id"), "SCEP", text(p, "name"), text(p, "platform"), text(p, "authorityId"),
                        text(p, "certificateType") + " certificates"));
            }
        }
        if (trusted != null) {
            for (JsonNode p : trusted) {
                rows.add(List.of(text(p, "id"), "TRUSTED", text(p, "name"), text(p, "platform"), text(p, "authorityId"),
                        "store " + text(p, "store")));
            }
        }
        return rows.isEmpty() ? "No profiles.\n" : Formats.table(List.of("ID", "TYPE", "NAME", "PLATFORM", "CA", "WHAT"), rows);
    }

    static String assignments(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : list) {
            rows.add(List.of(text(a, "id"), text(a, "profileId"), String.join(",", strings(a.path("includeGroupIds"))),
                    String.join(",", strings(a.path("excludeGroupIds"))), Formats.date(a, "createdAt"), text(a, "rollout")));
        }
        return rows.isEmpty() ? "No assignments.\n"
                : Formats.table(List.of("ID", "PROFILE", "INCLUDE", "EXCLUDE", "CREATED", "ROLLOUT"), rows);
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
            kv.add(new String[] {"validity", p.hasNonNull("validityMinutes") ? text(p, "validityMinutes") + " minutes"
                    : text(p, "validityDays") + " days"});
            kv.add(new String[] {"key", text(p, "keyAlgorithm") + " " + text(p, "keySize")});
            kv.add(new String[] {"key usages", join(p.path("keyUsages"))});
            List<String> ekus = new ArrayList<>();
            p.path("extendedKeyUsages").forEach(e -> ekus.add(Formats.Ekus.name(e.asText())));
            kv.add(new String[] {"EKUs", String.join(", ", ekus)});
            kv.add(new String[] {"renewal at", text(p, "renewalThresholdPercent") + "% left"});
            kv.add(new String[] {"unassigned", p.path("revokeOnUnassignment").asBoolean()
                    ? "revoke its certificates" : "keep its certificates until they expire"});
            kv.add(new String[] {"renewed", p.path("revokeOnRenewal").asBoolean()
                    ? "revoke the renewed certificate" : "keep the renewed certificate until it expires"});
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
        StringBuilder sb = new StringBuilder("Profile " + text(r, "profileId") + ": " + counts(r));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode d : r.path("devices")) {
            rows.add(List.of(text(d, "deviceId"), text(d, "status"), text(d, "serialNumber"), text(d, "updatedAt"), text(d, "reason")));
        }
        sb.append(rows.isEmpty() ? "No devices.\n" : Formats.table(List.of("DEVICE", "STATUS", "SERIAL", "UPDATED", "REASON"), rows));
        if (r.hasNonNull("next")) {
            sb.append("More: --after ").append(r.get("next").asText()).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code 1 succeeded, 0 pending, 1 failed, 0 not applicable} and a newline; then, where the report has them,
     * {@code certificates: 1 expiring within 30 days, 0 expired, 2 superseded by renewals} and a newline.
     */
    private static String counts(JsonNode r) {
        String deployments = r.path("succeeded").asLong() + " succeeded, " + r.path("pending").asLong() + " pending, "
                + r.path("failed").asLong() + " failed, " + r.path("notApplicable").asLong() + " not applicable\n";
        if (!r.has("expiring")) {
            return deployments;
        }
        return deployments + "certificates: " + r.path("expiring").asLong() + " expiring within 30 days, "
                + r.path("expired").asLong() + " expired, " + r.path("superseded").asLong() + " superseded by renewals\n";
    }

    private static String join(JsonNode array) {
        return String.join(", ", strings(array));
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(e -> l.add(e.asText()));
        return l;
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
