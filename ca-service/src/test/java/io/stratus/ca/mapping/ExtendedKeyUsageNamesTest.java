package io.stratus.ca.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtendedKeyUsageNamesTest {

    @ParameterizedTest
    @CsvSource({
        "CLIENT_AUTH, 1.3.6.1.5.5.7.3.2",
        "server_auth, 1.3.6.1.5.5.7.3.1",
        "CODE_SIGNING, 1.3.6.1.5.5.7.3.3",
        "EMAIL_PROTECTION, 1.3.6.1.5.5.7.3.4",
        "IPSEC_IKE, 1.3.6.1.5.5.7.3.17",
        "TIME_STAMPING, 1.3.6.1.5.5.7.3.8",
        "OCSP_SIGNING, 1.3.6.1.5.5.7.3.9",
        "SMART_CARD_LOGON, 1.3.6.1.4.1.311.20.2.2",
        "DOCUMENT_SIGNING, 1.3.6.1.4.1.311.10.3.12",
        "1.3.6.1.4.1.99999.1, 1.3.6.1.4.1.99999.1"
    })
    void namesAndOidsResolve(String name, String oid) {
        assertEquals(oid, ExtendedKeyUsageNames.oid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANY_PURPOSE", "2.5.29.37.0", "CLIENT", "1..2", "3.1", "1.02", "", " "})
    void refused(String value) {
        assertThrows(IllegalArgumentException.class, () -> ExtendedKeyUsageNames.oid(value));
    }

    @org.junit.jupiter.api.Test
    void duplicatesRemovedOrderKept() {
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"),
                ExtendedKeyUsageNames.oids(List.of("SERVER_AUTH", "CLIENT_AUTH", "1.3.6.1.5.5.7.3.1")));
    }
}
