package io.stratus.simulator.scep;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.stratus.crypto.scep.ScepCipherSuite;

/** GetCACaps answer (RFC 8894 section 3.5.2) and the choices a client makes from it. */
record ScepCapabilities(Set<String> names) {

    static ScepCapabilities parse(String text) {
        return new ScepCapabilities(text.lines().map(String::trim).filter(line -> !line.isEmpty())
                .map(line -> line.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    boolean has(String capability) {
        return names.contains(capability.toUpperCase(Locale.ROOT));
    }

    /** SCEPStandard implies AES, SHA-256 and POSTPKIOperation. */
    boolean standard() {
        return has("SCEPStandard");
    }

    boolean postPkiOperation() {
        return standard() || has("POSTPKIOperation");
    }

    /**
     * AES-128-CBC (what the AES capability promises, RFC 8894) with SHA-256 when advertised; Triple-DES
     * and SHA-1 only for old servers that advertise neither.
     */
    ScepCipherSuite cipherSuite() {
        boolean aes = standard() || has("AES");
        boolean sha256 = standard() || has("SHA-256");
        if (aes && sha256) {
            return ScepCipherSuite.AES128_SHA256;
        }
        if (aes) {
            return ScepCipherSuite.AES128_SHA1;
        }
        return ScepCipherSuite.TRIPLE_DES_SHA1;
    }
}
