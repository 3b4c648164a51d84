package io.stratus.crypto.scep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzzer produced, pinned with the outcome they must keep. (The same files are replayed by
 * {@link PkiOperationFuzzTest} in regression mode; this test also fixes the failInfo and the cause.)
 */
class ScepFuzzRegressionTest {

    @Test
    void invalidUtf8InTheSignerIssuerIsABadRequestWithoutReply() throws IOException {
        // BouncyCastle throws IllegalArgumentException while hashing the SignerId (X500Name with a broken
        // UTF8String) inside CMSSignedData.getSignerInfos(); found when fuzzing with the safety net removed
        byte[] input = resource(ScepSeedCorpus.PKI_OPERATION_DIR + "safety-net-invalid-utf8-in-signer-issuer");
        ScepException refused = assertThrows(ScepException.class,
                () -> new ScepServer().decode(input, TestOnlyScepParties.ra()));
        assertEquals(FailInfo.badRequest, refused.failInfo());
        assertNull(refused.partial(), "nothing was read: the answer is HTTP 400, not a CertRep");
        assertInstanceOf(IllegalArgumentException.class, refused.getCause());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ScepFuzzRegressionTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}
