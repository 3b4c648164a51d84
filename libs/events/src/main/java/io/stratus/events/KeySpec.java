package io.stratus.events;

/** A key type and size: {@code RSA} with 2048/3072/4096 bits, or {@code EC} with 256/384 (the curve size). */
public record KeySpec(String algorithm, int size) {
    public static KeySpec rsa(int bits) {
        return new KeySpec("RSA", bits);
    }

    public static KeySpec ec(int bits) {
        return new KeySpec("EC", bits);
    }
}
