package io.stratus.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * Distinguished names as RFC 4514 strings (most specific RDN first: "CN=device-1,O=Acme,C=US").
 * Encoded names list the RDNs the other way round (C, ST, L, O, OU, CN), as X.509 expects.
 */
public final class SubjectNames {

    private SubjectNames() {
    }

    /** Builds an RFC 4514 DN; null or blank parts are left out; C must be two letters. */
    public static String dn(String cn, String o, String ou, String l, String st, String c) {
        List<String> parts = new ArrayList<>();
        add(parts, "CN", cn);
        add(parts, "OU", ou);
        add(parts, "O", o);
        add(parts, "L", l);
        add(parts, "ST", st);
        if (c != null && !c.isBlank()) {
            String country = c.trim().toUpperCase(Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("country must be a two-letter ISO 3166 code");
            }
            parts.add("C=" + country);
        }
        return String.join(",", parts);
    }

    /** Parses an RFC 4514 string (an empty or blank string is the empty name). */
    public static X500Name parse(String dn) {
        if (dn == null || dn.isBlank()) {
            return new X500Name(DnStyle.INSTANCE, new org.bouncycastle.asn1.x500.RDN[0]);
        }
        try {
            return new X500Name(DnStyle.INSTANCE, dn.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a distinguished name: " + dn, e);
        }
    }

    /** RFC 4514 string of an encoded name (most specific RDN first). */
    public static String toString(X500Name name) {
        return DnStyle.INSTANCE.toString(name);
    }

    /** RFC 4514 string of a certificate's subject or issuer principal. */
    public static String toString(X500Principal principal) {
        return toString(X500Name.getInstance(principal.getEncoded()));
    }

    /** The encoded name as a JDK principal. */
    public static X500Principal principal(X500Name name) {
        try {
            return new X500Principal(name.getEncoded());
        } catch (java.io.IOException e) {
            throw new CryptoException("cannot encode name", e);
        }
    }

    /**
     * A canonical form for comparing names: case, extra spaces and string types do not matter,
     * RDN order does.
     */
    public static String canonical(String dn) {
        return canonical(parse(dn));
    }

    /** Canonical form of an encoded name (see {@link #canonical(String)}). */
    public static String canonical(X500Name name) {
        return principal(name).getName(X500Principal.CANONICAL);
    }

    /** True when both names are equal in canonical form. */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static void add(List<String> parts, String type, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(type + "=" + escape(value.trim()));
        }
    }

    /** RFC 4514 section 2.4 escaping of an attribute value. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = "\\\",+;<>=".indexOf(c) >= 0
                    || (i == 0 && (c == '#' || c == ' '))
                    || (i == value.length() - 1 && c == ' ');
            if (special) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
