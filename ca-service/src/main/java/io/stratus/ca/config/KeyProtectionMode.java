package io.stratus.ca.config;

/** Value of {@code stratus.ca.key-protection}: where new CA keys live. */
public enum KeyProtectionMode {
    /** Generated in software, stored wrapped under the KEK. */
    SOFTWARE,
    /** Generated and kept inside a PKCS#11 token, stored as the token alias. */
    PKCS11
}
