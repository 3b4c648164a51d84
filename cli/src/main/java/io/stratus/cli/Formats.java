package io.stratus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** The short human tables and summaries of the admin verbs (their {@code --json} prints the API's JSON instead). */
final class Formats {
    private Formats() {
    }

    /** Left-aligned columns separated by two spaces; the last column is not padded. */
    static String table(List<String> headers, List<List<String>> rows) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < width.length && i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() && cells.get(i) != null ? cells.get(i) : "";
            l.append(c);
            if (i < width.length - 1) {
                l.append(" ".repeat(width[i] - c.length() + 2));
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    static String authorities(JsonNode list) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : list) {
            rows.add(List.of(text(a, "id"), text(a, "kind"), text(a, "status") + (a.path("external").asBoolean() ? " (external)" : ""),
                    text(a, "displayName"), text(a, "keyAlgorithm"), date(a, "notAfter")));
        }
        if (rows.isEmpty()) {
            return "No CAs.\n";
        }
        return table(List.of("ID", "KIND", "STATUS", "NAME", "KEY", "NOT AFTER"), rows);
    }

    static String authority(JsonNode a) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"id", text(a, "id")});
        kv.add(new String[] {"name", text(a, "displayName")});
        kv.add(new String[] {"kind", text(a, "kind") + (a.path("external").asBoolean() ? " (external)" : "")});
        kv.add(new String[] {"status", text(a, "status")});
        opt(kv, a, "parentId", "parent");
        kv.add(new String[] {"subject", text(a, "subjectDn")});
        opt(kv, a, "serialNumber", "serial");
        kv.add(new String[] {"key", text(a, "keyAlgorithm")});
        opt(kv, a, "notBefore", "not before");
        opt(kv, a, "notAfter", "not after");
        List<String> ekus = new ArrayList<>();
        a.path("extendedKeyUsages").forEach(e -> ekus.add(Ekus.name(e.asText())));
        kv.add(new String[] {"EKUs", String.join(", ", ekus)});
        opt(kv, a, "crlUrl", "CRL");
        opt(kv, a, "caIssuersUrl", "AIA");
        opt(kv, a, "ocspUrl", "OCSP");
        opt(kv, a, "scepUrl", "SCEP");
        opt(kv, a, "revokedAt", "revoked at");
        opt(kv, a, "revocationReason", "revocation reason");
        opt(kv, a, "generation", "generation");
        JsonNode next = a.path("nextCertificate");
        if (next.isObject()) {
            kv.add(new String[] {"next certificate", "generation " + text(next, "generation") + ", serial " + text(next, "serialNumber")
                    + (next.path("newKey").asBoolean() ? ", new key" : ", same key") + ", not after " + text(next, "notAfter")
                    + " (announced; activate with `stratus ca activate-renewal`)"});
        }
        for (JsonNode previous : a.path("previousCertificates")) {
            kv.add(new String[] {"previous", "generation " + text(previous, "generation") + ", serial " + text(previous, "serialNumber")
                    + ", not after " + text(previous, "notAfter")});
        }
        return keyValues(kv);
    }

    static String certificates(JsonNode page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : items(page)) {
            rows.add(List.of(text(c, "serialNumber"), text(c, "status"), text(c, "deviceId"), text(c, "subjectDn"),
                    date(c, "notAfter"), text(c, "revocationReason")));
        }
        StringBuilder sb = new StringBuilder(rows.isEmpty() ? "No certificates.\n"
                : table(List.of("SERIAL", "STATUS", "DEVICE", "SUBJECT", "NOT AFTER", "REASON"), rows));
        if (page.hasNonNull("next")) {
            sb.append("More: --after ").append(page.get("next").asText()).append('\n');
        }
        return sb.toString();
    }

    static String certificate(JsonNode c) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"serial", text(c, "serialNumber")});
        kv.add(new String[] {"status", text(c, "status")});
        kv.add(new String[] {"subject", text(c, "subjectDn")});
        kv.add(new String[] {"CA", text(c, "authorityId")});
        opt(kv, c, "purpose", "purpose");
        opt(kv, c, "deviceId", "device");
        opt(kv, c, "profileId", "profile");
        opt(kv, c, "notBefore", "not before");
        opt(kv, c, "notAfter", "not after");
        opt(kv, c, "revokedAt", "revoked at");
        opt(kv, c, "revocationReason", "revocation reason");
        String s = keyValues(kv);
        if (c.hasNonNull("certificatePem")) {
            s += c.get("certificatePem").asText().strip() + "\n";
        }
        return s;
    }

    static String audit(JsonNode page) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : items(page)) {
            rows.add(List.of(text(r, "sequence"), text(r, "at"), text(r, "actor"), text(r, "action"), text(r, "target"),
                    text(r, "outcome")));
        }
        StringBuilder sb = new StringBuilder(rows.isEmpty() ? "No audit records.\n"
                : table(List.of("SEQ", "AT", "ACTOR", "ACTION", "TARGET", "OUTCOME"), rows));
        if (page.hasNonNull("next")) {
            sb.append("More: --after ").append(page.get("next").asText()).append('\n');
        }
        return sb.toString();
    }

    /** The verdict of {@code POST .../audit/verify}. */
    static String verification(String tenant, JsonNode v) {
        long records = v.path("records").asLong();
        if (v.path("valid").asBoolean(false)) {
            return "Audit chain of tenant " + tenant + " is valid (" + records + " record" + (records == 1 ? "" : "s") + ")."
                    + checkpoint(v) + "\n";
        }
        String problem = v.path("problem").asText("");
        String why = switch (problem) {
            case "changed" -> "changed: the record's hash does not match its fields, or the next record does not point at it";
            case "missing" -> "missing: the sequence number is skipped, or the chain ends before its head says it should";
            default -> problem.isEmpty() ? "unknown problem" : problem;
        };
        return "Audit chain of tenant " + tenant + " is BROKEN at sequence " + v.path("firstBadSequence").asText("?") + ": " + why
                + " (" + records + " records checked).\n";
    }

    /** What the comparison with the audit topic says, as a sentence (empty when the answer has none). */
    private static String checkpoint(JsonNode v) {
        JsonNode checkpoint = v.path("checkpoint");
        if (checkpoint.isMissingNode() || checkpoint.isNull()) {
            return "";
        }
        String status = checkpoint.path("status").asText("");
        return switch (status) {
            case "matched" -> " It holds the audit topic's newest sealed record (sequence "
                    + checkpoint.path("sequence").asText("?") + ").";
            case "none" -> v.path("records").asLong() == 0 ? "" : " NOT confirmed: the audit topic holds no record of the tenant.";
            case "unsealed" -> " NOT confirmed: the audit topic's records of the tenant carry no genuine seal.";
            case "unavailable" -> " NOT confirmed: the audit topic could not be read (see the service's log).";
            default -> " Audit topic: " + status + ".";
        };
    }

    /** Whether a valid answer is also confirmed by the audit topic (or has nothing to confirm). */
    static boolean confirmedByTheTopic(JsonNode v) {
        JsonNode checkpoint = v.path("checkpoint");
        if (checkpoint.isMissingNode() || checkpoint.isNull()) {
            return true; // a server that does not compare: nothing more to say
        }
        String status = checkpoint.path("status").asText("");
        return "matched".equals(status) || ("none".equals(status) && v.path("records").asLong() == 0);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> l = new ArrayList<>();
        JsonNode items = page.isArray() ? page : page.path("items");
        items.forEach(l::add);
        return l;
    }

    private static String keyValues(List<String[]> kv) {
        int w = kv.stream().mapToInt(p -> p[0].length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String[] p : kv) {
            sb.append(p[0]).append(':').append(" ".repeat(w - p[0].length() + 1)).append(p[1]).append('\n');
        }
        return sb.toString();
    }

    private static void opt(List<String[]> kv, JsonNode n, String field, String label) {
        if (n.hasNonNull(field) && !n.get(field).asText().isEmpty()) {
            kv.add(new String[] {label, n.get(field).asText()});
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** The date part of an ISO-8601 instant ({@code 2046-11-24}). */
    static String date(JsonNode n, String field) {
        String t = text(n, field);
        return t.length() >= 10 && t.charAt(4) == '-' ? t.substring(0, 10) : t;
    }

    /** Extended key usages: names to OIDs and back, as ca-service knows them. */
    static final class Ekus {
        private static final String[][] NAMES = {
                {"CLIENT_AUTH", "1.3.6.1.5.5.7.3.2"}, {"SERVER_AUTH", "1.3.6.1.5.5.7.3.1"}, {"CODE_SIGNING", "1.3.6.1.5.5.7.3.3"},
                {"EMAIL_PROTECTION", "1.3.6.1.5.5.7.3.4"}, {"IPSEC_IKE", "1.3.6.1.5.5.7.3.17"}, {"TIME_STAMPING", "1.3.6.1.5.5.7.3.8"},
                {"OCSP_SIGNING", "1.3.6.1.5.5.7.3.9"}, {"SMART_CARD_LOGON", "1.3.6.1.4.1.311.20.2.2"},
                {"DOCUMENT_SIGNING", "1.3.6.1.4.1.311.10.3.12"}};

        private Ekus() {
        }

        static String name(String oid) {
            for (String[] n : NAMES) {
                if (n[1].equals(oid)) {
                    return n[0];
                }
            }
            return oid;
        }

        /** A name ({@code client_auth}) or dotted OID as the OID: profile-service takes only OIDs. */
        static String oid(String nameOrOid) {
            String p = nameOrOid.trim();
            if (p.matches("[0-2](\\.\\d+)+")) {
                return p;
            }
            for (String[] n : NAMES) {
                if (n[0].equalsIgnoreCase(p)) {
                    return n[1];
                }
            }
            throw new IllegalArgumentException("--eku: '" + p + "' is neither an EKU name (CLIENT_AUTH, SERVER_AUTH, EMAIL_PROTECTION, ...)"
                    + " nor a dotted OID");
        }

        /** {@code client_auth, SERVER_AUTH,1.2.3} → {@code [CLIENT_AUTH, SERVER_AUTH, 1.2.3]}; anything else is refused. */
        static List<String> parse(List<String> values) {
            List<String> out = new ArrayList<>();
            for (String v : values) {
                for (String part : v.split(",")) {
                    String p = part.trim();
                    if (p.isEmpty()) {
                        continue;
                    }
                    if (p.matches("[0-2](\\.\\d+)+")) {
                        out.add(p);
                    } else if (p.matches("[A-Za-z_]+")) {
                        out.add(p.toUpperCase(Locale.ROOT));
                    } else {
                        throw new IllegalArgumentException("--eku: '" + p + "' is neither an EKU name (CLIENT_AUTH, SERVER_AUTH, ...)"
                                + " nor a dotted OID");
                    }
                }
            }
            return out;
        }
    }

    /** Certificate serial numbers as OpenSSL prints them. */
    static final class Serials {
        private Serials() {
        }

        /**
         * {@code serial=5F3A0C}, {@code 5f:3a:0c}, {@code 0x5F3A0C} → {@code 5F3A0C}. Refuses anything that is not hex,
         * so that it cannot end up as a path in the URL.
         */
        static String normalize(String serial) {
            String s = serial.trim();
            if (s.regionMatches(true, 0, "serial=", 0, 7)) {
                s = s.substring(7);
            }
            if (s.regionMatches(true, 0, "0x", 0, 2)) {
                s = s.substring(2);
            }
            s = s.replace(":", "").replace(" ", "");
            if (s.isEmpty() || !s.matches("[0-9A-Fa-f]+")) {
                throw new IllegalArgumentException("'" + serial + "' is not a serial number in hex, as `openssl x509 -noout -serial` prints it");
            }
            return s.toUpperCase(Locale.ROOT);
        }
    }
}
