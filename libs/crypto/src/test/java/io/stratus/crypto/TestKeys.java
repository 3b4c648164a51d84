package io.stratus.crypto;

import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pairs shared by all test classes in the JVM (RSA key generation is slow): each algorithm has a
 * few numbered pairs, generated on first use.
 */
public final class TestKeys {

    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** Pair number {@code index} of an algorithm (0 = root, 1 = issuing, 2 = leaf by convention). */
    public static KeyPair pair(KeyAlgorithm algorithm, int index) {
        return CACHE.computeIfAbsent(algorithm + "#" + index, key -> algorithm.generate());
    }

    public static KeyPair rsa() {
        return pair(KeyAlgorithm.RSA_2048, 2);
    }

    public static KeyPair ec() {
        return pair(KeyAlgorithm.EC_P256, 2);
    }
}
