package io.stratus.simulator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.fixtures.TestPki;

/**
 * The device's chain check: the path to an installed root, the right issuer among several of one name, and no path
 * through a CA of the right name but another key. (Two TestPki have the same names and different keys.)
 */
class ChainValidatorTest {

    private final ChainValidator validator = new ChainValidator();
    private final TestPki pki = new TestPki();
    private final TestPki other = new TestPki();
    private final X509Certificate leaf = pki.issue("CN=device-1", List.of(),
            KeyAlgorithm.RSA_2048.generate().getPublic());

    @Test
    void aLeafChainsThroughItsIssuingCaToAnInstalledRoot() {
        assertEquals(List.of(leaf, pki.issuing()),
                validator.validate(leaf, List.of(pki.root()), List.of(pki.issuing())));
    }

    @Test
    void ofTwoIssuingCasWithOneNameTheOneWhoseKeySignedIsChosen() {
        assertEquals(pki.issuing().getSubjectX500Principal(), other.issuing().getSubjectX500Principal());
        assertEquals(List.of(leaf, pki.issuing()),
                validator.validate(leaf, List.of(pki.root()), List.of(other.issuing(), pki.issuing())));
    }

    @Test
    void aCaOfTheRightNameButAnotherKeyMakesNoPath() {
        assertThrows(ChainValidator.InvalidChainException.class,
                () -> validator.validate(leaf, List.of(pki.root()), List.of(other.issuing())));
        assertThrows(ChainValidator.InvalidChainException.class,
                () -> validator.validate(leaf, List.of(other.root()), List.of(pki.issuing())));
    }
}
