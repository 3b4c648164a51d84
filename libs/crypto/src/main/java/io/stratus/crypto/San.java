package io.stratus.crypto;

import java.util.Objects;

/** One subject alternative name. UPN is the Microsoft otherName 1.3.6.1.4.1.311.20.2.3 (UTF8String). */
public record San(Type type, String value) {

    public enum Type { DNS, EMAIL, UPN, URI, IP }

    public San {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("subject alternative name value is empty");
        }
    }

    public static San dns(String value) {
        return new San(Type.DNS, value);
    }

    public static San email(String value) {
        return new San(Type.EMAIL, value);
    }

    public static San upn(String value) {
        return new San(Type.UPN, value);
    }

    public static San uri(String value) {
        return new San(Type.URI, value);
    }

    public static San ip(String value) {
        return new San(Type.IP, value);
    }
}
