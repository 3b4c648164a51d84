package io.stratus.crypto;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of PKCS#10 parsing: any byte string either parses into a verified
 * {@link Csrs.ParsedCsr} or is refused with {@link CsrException}; any other throwable is a finding.
 * Seeds: {@code src/test/resources/io/stratus/crypto/CsrParseFuzzTestInputs/parse/}.
 */
class CsrParseFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] der) {
        try {
            Csrs.ParsedCsr parsed = Csrs.parse(der);
            if (parsed.publicKey() == null || parsed.keySize() <= 0) {
                throw new AssertionError("parsed a request without a usable key: " + parsed);
            }
        } catch (CsrException refused) {
            // the documented refusal
            SafetyNetHits.record(refused, "malformed PKCS#10 (");
            SafetyNetHits.record(refused, "malformed attributes");
        }
    }

    @AfterAll
    static void printSafetyNetHits() {
        System.out.print(SafetyNetHits.summary("CsrParseFuzzTest"));
    }
}
