package io.stratus.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An extended key usage in the picker: its OID (what the form sends; the API takes OIDs as they are), a label, and
 * whether it is ticked. The labels are the usages ca-service names (docs/architecture.md); any other OID shows as
 * itself.
 */
public record UsageOption(String oid, String label, boolean checked) {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("1.3.6.1.5.5.7.3.2", "Client authentication");
        LABELS.put("1.3.6.1.5.5.7.3.1", "Server authentication");
        LABELS.put("1.3.6.1.5.5.7.3.3", "Code signing");
        LABELS.put("1.3.6.1.5.5.7.3.4", "Secure email");
        LABELS.put("1.3.6.1.5.5.7.3.17", "IP security IKE intermediate");
        LABELS.put("1.3.6.1.5.5.7.3.8", "Time stamping");
        LABELS.put("1.3.6.1.5.5.7.3.9", "OCSP signing");
        LABELS.put("1.3.6.1.4.1.311.20.2.2", "Smart card logon");
        LABELS.put("1.3.6.1.4.1.311.10.3.12", "Document signing");
    }

    /** Every usage the console names, for a root CA's picker. */
    static List<String> catalogue() {
        return List.copyOf(LABELS.keySet());
    }

    static String label(String oid) {
        return LABELS.getOrDefault(oid, oid);
    }

    /** {@code Client authentication (1.3.6.1.5.5.7.3.2)}, or the OID alone when the console has no name for it. */
    static String described(String oid) {
        String label = label(oid);
        return label.equals(oid) ? oid : label + " (" + oid + ")";
    }

    static List<UsageOption> of(List<String> oids, List<String> ticked) {
        return oids.stream().map(oid -> new UsageOption(oid, label(oid), ticked.contains(oid))).toList();
    }
}
