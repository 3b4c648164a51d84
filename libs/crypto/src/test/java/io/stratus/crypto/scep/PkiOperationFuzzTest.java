package io.stratus.crypto.scep;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.stratus.crypto.SafetyNetHits;

/**
 * Coverage-guided fuzzing of the server-side decode of a SCEP PKIOperation body. Contract: any byte string
 * either decodes into a {@link ScepRequest} or is refused with a {@link ScepException} carrying a failInfo;
 * any other throwable (BouncyCastle runtime exception, OutOfMemoryError, StackOverflowError) is a finding.
 * Seeds (real messages of every request type, see {@link ScepSeedCorpus}) are encrypted to the
 * {@link TestOnlyScepParties#ra() test-only RA}, so mutations reach signature checking and decryption.
 */
class PkiOperationFuzzTest {

    private static final RaCredentials RA = TestOnlyScepParties.ra();
    private static final ScepServer SERVER = new ScepServer(ScepAlgorithmPolicy.DEFAULT);

    @FuzzTest(maxDuration = "50s")
    void decode(byte[] pkiOperation) {
        ScepContract.decodeOrRefuse(SERVER, pkiOperation, RA);
    }

    @AfterAll
    static void printSafetyNetHits() {
        System.out.print(SafetyNetHits.summary("PkiOperationFuzzTest"));
    }
}
