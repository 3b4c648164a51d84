package io.stratus.ca.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extended key usage names of the REST API (docs/architecture.md) and their OIDs. A dotted OID is accepted as is;
 * ANY_PURPOSE (2.5.29.37.0) is always refused.
 */
public final class ExtendedKeyUsageNames {

    public static final String ANY_PURPOSE_OID = "2.5.29.37.0";

    private static final Map<String, String> OIDS = Map.of(
            "CLIENT_AUTH", "1.3.6.1.5.5.7.3.2",
            "SERVER_AUTH", "1.3.6.1.5.5.7.3.1",
            "CODE_SIGNING", "1.3.6.1.5.5.7.3.3",
            "EMAIL_PROTECTION", "1.3.6.1.5.5.7.3.4",
            "IPSEC_IKE", "1.3.6.1.5.5.7.3.17",
            "TIME_STAMPING", "1.3.6.1.5.5.7.3.8",
            "OCSP_SIGNING", "1.3.6.1.5.5.7.3.9",
            "SMART_CARD_LOGON", "1.3.6.1.4.1.311.20.2.2",
            "DOCUMENT_SIGNING", "1.3.6.1.4.1.311.10.3.12");

    /** First arc 0-2, then at least one more arc, no leading zeros. */
    private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9}))+");

    private ExtendedKeyUsageNames() {
    }

    /**
     * The OID of a name or dotted OID.
     *
     * @throws IllegalArgumentException for an unknown name, a malformed OID or ANY_PURPOSE, with a message fit for
     *                                  an API answer
     */
    public static String oid(String nameOrOid) {
        if (nameOrOid == null || nameOrOid.isBlank()) {
            throw new IllegalArgumentException("an extended key usage is empty");
        }
        String value = nameOrOid.trim();
        String oid = OIDS.get(value.toUpperCase(Locale.ROOT));
        if (oid == null) {
            if (value.equalsIgnoreCase("ANY_PURPOSE")) {
                oid = ANY_PURPOSE_OID;
            } else if (DOTTED_OID.matcher(value).matches()) {
                oid = value;
            } else {
                throw new IllegalArgumentException("unknown extended key usage '" + shorten(value) + "'; use one of "
                        + String.join(", ", new java.util.TreeSet<>(OIDS.keySet())) + " or a dotted OID");
            }
        }
        if (oid.equals(ANY_PURPOSE_OID)) {
            throw new IllegalArgumentException("the ANY_PURPOSE extended key usage (2.5.29.37.0) is not allowed");
        }
        return oid;
    }

    /** The OIDs of several names, duplicates removed, order kept. */
    public static List<String> oids(Collection<String> namesOrOids) {
        Set<String> oids = new LinkedHashSet<>();
        if (namesOrOids != null) {
            for (String value : namesOrOids) {
                oids.add(oid(value));
            }
        }
        return new ArrayList<>(oids);
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
