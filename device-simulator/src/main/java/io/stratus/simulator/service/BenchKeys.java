package io.stratus.simulator.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.repository.StateDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Enrollment keys of bench devices: a pool of at most {@code stratus.simulator.bench-key-pool-size} key pairs per
 * algorithm, kept in the state directory ({@code bench-keys/<ALGORITHM>.keys}) and handed out round robin. The pool
 * grows by generating a key while it is smaller than its size, so the first benches on a machine pay for RSA key
 * generation once and the later ones measure the servers, not the load generator. The servers' work does not depend
 * on whether a key was seen before. Fleet and demo devices never use this pool: their keys are fresh.
 */
@ApplicationScoped
public class BenchKeys {

    private final StateDirectory state;
    private final int size;
    private final Map<KeyAlgorithm, Pool> pools = new EnumMap<>(KeyAlgorithm.class);

    @jakarta.inject.Inject
    public BenchKeys(StateDirectory state, SimulatorConfig config) {
        this(state, config.benchKeyPoolSize());
    }

    BenchKeys(StateDirectory state, int size) {
        this.state = state;
        this.size = Math.max(1, size);
    }

    /**
     * The SCEP transactionID of a request made with a pool key: the hex SHA-256 of the request, unique per request
     * (RFC 8894 asks only for uniqueness; the usual hash of the public key would repeat with a recycled key).
     */
    public static String transactionId(byte[] csrDer) {
        return io.stratus.crypto.scep.ScepClientMessages.transactionId(csrDer);
    }

    /** The next key pair of the algorithm's pool (a new one while the pool is not full). */
    public KeyPair take(KeyAlgorithm algorithm) {
        Pool pool;
        synchronized (pools) {
            pool = pools.computeIfAbsent(algorithm, a -> new Pool(a, state.directory("bench-keys").resolve(a.name()
                    + ".keys")));
        }
        return pool.next(size);
    }

    private static final class Pool {
        private final KeyAlgorithm algorithm;
        private final Path file;
        private final List<KeyPair> keys;
        private int next;

        Pool(KeyAlgorithm algorithm, Path file) {
            this.algorithm = algorithm;
            this.file = file;
            this.keys = load(algorithm, file);
        }

        /** A new key while the pool is short (generated outside the lock: callers run in parallel), else the next one. */
        KeyPair next(int size) {
            synchronized (this) {
                if (keys.size() >= size) {
                    KeyPair pair = keys.get(next % size);
                    next = (next + 1) % size;
                    return pair;
                }
            }
            KeyPair generated = algorithm.generate();
            synchronized (this) {
                if (keys.size() < size) {
                    append(generated);
                    keys.add(generated);
                }
            }
            return generated;
        }

        private void append(KeyPair pair) {
            String line = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + " "
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n";
            try {
                if (!Files.exists(file)) {
                    // private keys: readable by the owner only, like the rest of the state directory
                    Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep a bench key in " + file, e);
            }
        }

        /** The keys of the file; lines that do not decode (cut short by a crash) are dropped from it. */
        private static List<KeyPair> load(KeyAlgorithm algorithm, Path file) {
            List<KeyPair> keys = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return keys;
            }
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm.family());
                String content = Files.readString(file, StandardCharsets.US_ASCII);
                StringBuilder good = new StringBuilder();
                for (String line : content.split("\n")) {
                    KeyPair pair = decode(factory, line);
                    if (pair != null) {
                        keys.add(pair);
                        good.append(line.trim()).append('\n');
                    }
                }
                if (!good.toString().equals(content)) {
                    StateDirectory.writeAtomically(file, good.toString());
                }
                return keys;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the bench key pool " + file + ": " + e.getMessage(), e);
            }
        }

        private static KeyPair decode(KeyFactory factory, String line) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                return null;
            }
            try {
                return new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return null;
            }
        }
    }
}
