package io.stratus.crypto.scep;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.stratus.crypto.SafetyNetHits;

/**
 * Coverage-guided fuzzing past the signature check: a mutated PKIOperation almost never keeps a valid
 * signature, so this target signs what the fuzzer chooses with the {@link TestOnlyScepParties#device()
 * test-only device key} and decodes it. Input layout: byte 0 picks the messageType, byte 1 the mode (bit 0:
 * payload is the content, encrypted here to the test-only RA; otherwise the payload is the raw
 * pkcsPKIEnvelope), the content encryption (bits 1-3) and the digest (bits 4-5); the rest is the payload.
 * Beyond "no unexpected throwable", a well-formed request must decode to exactly the payload it carried.
 */
class SignedEnvelopeFuzzTest {

    private static final MessageType[] TYPES = {MessageType.PKCSReq, MessageType.RenewalReq, MessageType.CertPoll,
        MessageType.GetCert, MessageType.GetCRL, MessageType.CertRep};
    private static final String[] CIPHERS = {ScepAlgorithms.AES128_CBC, ScepAlgorithms.AES192_CBC,
        ScepAlgorithms.AES256_CBC, ScepAlgorithms.DES_EDE3_CBC, ScepAlgorithms.DES_CBC};
    private static final String[] DIGESTS = {ScepAlgorithms.SHA256, ScepAlgorithms.SHA512, ScepAlgorithms.SHA1,
        ScepAlgorithms.SHA384};
    private static final String TRANSACTION_ID = "TEST-ONLY-FUZZ-TRANSACTION";
    private static final byte[] NONCE = "test-only-nonce!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final RaCredentials RA = TestOnlyScepParties.ra();
    private static final TestOnlyScepParties.Party DEVICE = TestOnlyScepParties.device();
    private static final ScepServer SERVER = new ScepServer(ScepAlgorithmPolicy.DEFAULT);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        MessageType type = TYPES[Byte.toUnsignedInt(input[0]) % TYPES.length];
        boolean encrypt = (input[1] & 1) != 0;
        String cipher = CIPHERS[((input[1] >> 1) & 7) % CIPHERS.length];
        String digest = DIGESTS[(input[1] >> 4) & 3];
        byte[] payload = Arrays.copyOfRange(input, 2, input.length);

        byte[] envelope = encrypt ? PkiMessages.envelope(payload, RA.certificate(), cipher) : payload;
        ScepAttributes attributes = new ScepAttributes()
                .printable(ScepAttributes.MESSAGE_TYPE, Integer.toString(type.code()))
                .printable(ScepAttributes.TRANSACTION_ID, TRANSACTION_ID)
                .octets(ScepAttributes.SENDER_NONCE, NONCE);
        byte[] pkiOperation = PkiMessages.sign(envelope, attributes, DEVICE.certificate(), DEVICE.privateKey(),
                digest, List.of(DEVICE.certificate()));

        ScepRequest decoded = ScepContract.decodeOrRefuse(SERVER, pkiOperation, RA);
        if (encrypt) {
            checkWellFormed(type, cipher, payload, decoded);
        }
    }

    /** A correctly signed and encrypted request is accepted unless its type or cipher is refused. */
    private static void checkWellFormed(MessageType type, String cipher, byte[] payload, ScepRequest decoded) {
        boolean refusable = type == MessageType.CertRep || !SERVER.policy().permitsContentEncryption(cipher);
        if (refusable) {
            if (decoded != null) {
                throw new AssertionError("accepted a " + type + " encrypted with " + cipher);
            }
            return;
        }
        if (decoded == null) {
            throw new AssertionError("refused a well-formed " + type + " encrypted with " + cipher);
        }
        if (decoded.messageType() != type || !Arrays.equals(decoded.content(), payload)
                || !TRANSACTION_ID.equals(decoded.transactionId()) || !Arrays.equals(NONCE, decoded.senderNonce())) {
            throw new AssertionError("decoded request differs from what was sent: " + decoded);
        }
    }

    /** An input in this target's layout (used by {@link ScepSeedCorpus}). */
    static byte[] input(MessageType type, boolean encrypt, int cipherIndex, int digestIndex, byte[] payload) {
        byte[] input = new byte[payload.length + 2];
        input[0] = (byte) Arrays.asList(TYPES).indexOf(type);
        input[1] = (byte) ((encrypt ? 1 : 0) | (cipherIndex << 1) | (digestIndex << 4));
        System.arraycopy(payload, 0, input, 2, payload.length);
        return input;
    }

    @AfterAll
    static void printSafetyNetHits() {
        System.out.print(SafetyNetHits.summary("SignedEnvelopeFuzzTest"));
    }
}
