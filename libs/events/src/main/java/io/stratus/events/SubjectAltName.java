package io.stratus.events;

/** One subject alternative name: type {@code DNS}, {@code EMAIL}, {@code UPN} or {@code URI}, and its value. */
public record SubjectAltName(Type type, String value) {
    public enum Type {
        DNS, EMAIL, UPN, URI
    }
}
