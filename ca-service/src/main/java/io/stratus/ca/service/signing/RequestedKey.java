package io.stratus.ca.service.signing;

import java.security.PublicKey;
import java.util.Base64;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;

/**
 * The key a request asks the CA to certify, decoded from the event's SubjectPublicKeyInfo: its family ({@code RSA},
 * {@code EC}) and size. Whatever else a device put in its CSR stays with enrollment-service.
 */
public record RequestedKey(PublicKey publicKey, String family, int size) {

    /** The request's key; a missing or unusable key is refused with {@link IssuanceRejection#BAD_KEY}. */
    public static RequestedKey of(String base64Spki) {
        if (base64Spki == null || base64Spki.isBlank()) {
            throw new IssuanceRejection(IssuanceRejection.BAD_KEY, "the request carries no public key");
        }
        PublicKey key;
        try {
            key = Pem.publicKey(Base64.getMimeDecoder().decode(base64Spki));
        } catch (IllegalArgumentException e) {
            throw new IssuanceRejection(IssuanceRejection.BAD_KEY,
                    "the request's public key is not a base64 RSA or EC SubjectPublicKeyInfo");
        }
        int size = KeyAlgorithm.sizeOf(key);
        if (size == 0) {
            throw new IssuanceRejection(IssuanceRejection.BAD_KEY, "unsupported " + KeyAlgorithm.familyOf(key)
                    + " key (unknown size or curve)");
        }
        return new RequestedKey(key, KeyAlgorithm.familyOf(key), size);
    }
}
