package io.stratus.ca.service;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.stratus.crypto.CertificateNames;
import io.stratus.crypto.San;

/**
 * The one rule by which certificates are found by a subject alternative name: every DNS name, email address, UPN,
 * URI and IP address the certificate carries, whatever its type, compared without case (DNS names and the domain of
 * an address are case-insensitive, and an administrator types what a device or a user shows).
 */
public final class SanSearch {

    private SanSearch() {
    }

    /** The longest value stored (the column's size); a longer one is not searchable, the certificate is issued. */
    static final int MAX_LENGTH = 1024;

    /** What the inventory stores for a certificate: its SAN values as {@link #key} makes them, each once. */
    public static String[] values(byte[] certificateDer) {
        Set<String> values = new LinkedHashSet<>();
        try {
            for (San san : CertificateNames.subjectAltNames(certificateDer)) {
                String value = key(san.value());
                if (value.length() <= MAX_LENGTH) {
                    values.add(value);
                }
            }
        } catch (IllegalArgumentException e) {
            // not a certificate Stratus can read: nothing to find it by
        }
        return values.toArray(String[]::new);
    }

    /** A SAN value as stored and as searched for. */
    public static String key(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
