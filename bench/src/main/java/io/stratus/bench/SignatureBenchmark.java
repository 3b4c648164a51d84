package io.stratus.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.stratus.crypto.KeyAlgorithm;

/**
 * Raw private-key operation: {@code Signature.sign} over 32 bytes (the size of a digest) with the algorithm's
 * signature scheme (SHA256withRSA for RSA-2048, SHA384withRSA for 3072, SHA512withRSA for 4096,
 * SHA256withECDSA for P-256). Hashing 32 bytes is negligible, so this is the cost of the RSA/ECDSA operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {

    @Param({"RSA_2048", "RSA_3072", "RSA_4096", "EC_P256"})
    public String algorithm;

    @Param({BenchProviders.ACCP, BenchProviders.JDK})
    public String provider;

    private Signature signature;
    private final byte[] input = new byte[32];

    @Setup
    public void setUp() throws GeneralSecurityException {
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.valueOf(algorithm);
        Provider chosen = BenchProviders.signing(provider, keyAlgorithm);
        KeyPair keys = BenchProviders.generate(keyAlgorithm, chosen);
        new SecureRandom().nextBytes(input);
        signature = Signature.getInstance(keyAlgorithm.signatureAlgorithm(), chosen);
        signature.initSign(keys.getPrivate());
        // sanity: the signature verifies, so the benchmark measures real work
        signature.update(input);
        byte[] sample = signature.sign();
        Signature verifier = Signature.getInstance(keyAlgorithm.signatureAlgorithm(), chosen);
        verifier.initVerify(keys.getPublic());
        verifier.update(input);
        if (!verifier.verify(sample)) {
            throw new IllegalStateException("signature does not verify");
        }
    }

    @Benchmark
    public byte[] sign() throws SignatureException {
        signature.update(input);
        return signature.sign();
    }
}
