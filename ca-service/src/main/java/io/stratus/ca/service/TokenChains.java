package io.stratus.ca.service;

import java.security.cert.X509Certificate;
import java.util.List;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pkcs11KeyProtection;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * In PKCS#11 mode the token keeps an uploaded (externally signed) CA certificate and its issuers next to the key, in
 * place of the placeholder written at key generation. Done after the commit and off the event loop; the key signs
 * either way (its public key is the same), so a failure is only logged.
 */
@ApplicationScoped
public class TokenChains {

    private final CaKeyStore keys;
    private final Vertx vertx;

    public TokenChains(CaKeyStore keys, Vertx vertx) {
        this.keys = keys;
        this.vertx = vertx;
    }

    public Uni<Void> store(String caId, String keyProtection, byte[] keyReference, X509Certificate certificate,
            List<X509Certificate> issuers) {
        if (!Pkcs11KeyProtection.KIND.equals(keyProtection)) {
            return Uni.createFrom().voidItem();
        }
        X509Certificate[] stored = new X509Certificate[issuers.size() + 1];
        stored[0] = certificate;
        for (int i = 0; i < issuers.size(); i++) {
            stored[i + 1] = issuers.get(i);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            keys.storeCertificateChain(keyProtection, keyReference, stored);
            return true;
        })).onFailure().recoverWithItem(failure -> {
            Log.warnf("external CA %s: cannot store its certificate in the PKCS#11 token (%s); the key still signs",
                    caId, failure.toString());
            return false;
        }).replaceWithVoid();
    }
}
