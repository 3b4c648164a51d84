package io.stratus.simulator.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.repository.StateDirectory;

class BenchKeysTest {

    @TempDir
    Path dir;

    @Test
    void growsToItsSizeThenHandsKeysOutRoundRobinAndKeepsThemAcrossRestarts() throws Exception {
        BenchKeys keys = new BenchKeys(new StateDirectory(dir), 2);
        KeyPair first = keys.take(KeyAlgorithm.EC_P256);
        KeyPair second = keys.take(KeyAlgorithm.EC_P256);
        assertNotEquals(encoded(first), encoded(second));
        assertEquals(encoded(first), encoded(keys.take(KeyAlgorithm.EC_P256)), "full: the first key comes back");
        assertEquals(encoded(second), encoded(keys.take(KeyAlgorithm.EC_P256)));

        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("bench-keys").resolve("EC_P256.keys"))), "private keys");

        BenchKeys restarted = new BenchKeys(new StateDirectory(dir), 2);
        KeyPair reloaded = restarted.take(KeyAlgorithm.EC_P256);
        assertEquals(encoded(first), encoded(reloaded), "no new key after a restart");
        assertArrayEquals(first.getPublic().getEncoded(), reloaded.getPublic().getEncoded());
        assertTrue(signsAndVerifies(reloaded), "the reloaded private key belongs to its public key");
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndTheFileRepaired() throws Exception {
        BenchKeys keys = new BenchKeys(new StateDirectory(dir), 2);
        KeyPair kept = keys.take(KeyAlgorithm.EC_P256);
        Path file = dir.resolve("bench-keys").resolve("EC_P256.keys");
        Files.writeString(file, "MIGHAgEAMBMGByqGSM49", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        BenchKeys restarted = new BenchKeys(new StateDirectory(dir), 2);
        KeyPair fresh = restarted.take(KeyAlgorithm.EC_P256);
        assertNotEquals(encoded(kept), encoded(fresh), "one key short of the size: a new key");
        assertTrue(signsAndVerifies(fresh));
        assertEquals(encoded(kept), encoded(restarted.take(KeyAlgorithm.EC_P256)), "then round robin");
        assertEquals(2, Files.readAllLines(file).size(), "the cut line is gone, both keys are kept");

        BenchKeys again = new BenchKeys(new StateDirectory(dir), 2);
        assertEquals(encoded(kept), encoded(again.take(KeyAlgorithm.EC_P256)));
        assertEquals(encoded(fresh), encoded(again.take(KeyAlgorithm.EC_P256)));
    }

    @Test
    void eachRequestMadeWithAPoolKeyHasATransactionOfItsOwn() {
        KeyPair pair = new BenchKeys(new StateDirectory(dir), 1).take(KeyAlgorithm.EC_P256);
        byte[] first = io.stratus.crypto.Csrs.build(pair, "CN=bench-1", java.util.List.of(), "secret");
        byte[] second = io.stratus.crypto.Csrs.build(pair, "CN=bench-2", java.util.List.of(), "secret");
        assertNotEquals(BenchKeys.transactionId(first), BenchKeys.transactionId(second));
        assertEquals(BenchKeys.transactionId(first), BenchKeys.transactionId(first.clone()), "a resend keeps its id");
        assertEquals(64, BenchKeys.transactionId(first).length());
    }

    private static String encoded(KeyPair pair) {
        return java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    private static boolean signsAndVerifies(KeyPair pair) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }
}
