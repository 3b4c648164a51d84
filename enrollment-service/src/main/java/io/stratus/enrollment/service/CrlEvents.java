package io.stratus.enrollment.service;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import io.stratus.events.CrlPublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * CrlPublished: fetches the CRL from ca-service ({@link CrlLocation}: the configured base, the CA's CRL the event
 * names), checks that it is this CA's (issuer name and signature) and caches it for GetCRL unless a CRL with the same
 * or a higher number is cached. A CRL that cannot be fetched is logged and skipped (the next CrlPublished replaces
 * it); it is never dead-lettered.
 */
@ApplicationScoped
public class CrlEvents {

    static final int FETCH_ATTEMPTS = 3;

    private final AuthorityStore authorities;
    private final CrlSource source;
    private final CrlLocation location;
    private final CrlStore crls;
    private final Workers workers;

    public CrlEvents(AuthorityStore authorities, CrlSource source, CrlLocation location, CrlStore crls,
            Workers workers) {
        this.authorities = authorities;
        this.source = source;
        this.location = location;
        this.crls = crls;
        this.workers = workers;
    }

    public Uni<Void> published(CrlPublishedEvent event) {
        if (event.authorityId() == null || event.tenant() == null || event.crlUrl() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("CrlPublished lacks the CA id, tenant or URL"));
        }
        return authorities.find(event.authorityId()).chain(authority -> {
            if (authority == null || !authority.tenant().equals(event.tenant())) {
                Log.warnf("CRL of unknown CA %s (tenant %s) ignored", event.authorityId(), event.tenant());
                return Uni.createFrom().voidItem();
            }
            String url;
            try {
                url = location.of(event);
            } catch (IllegalArgumentException e) {
                Log.warnf("CRL %d of CA %s not fetched: %s", event.crlNumber(), authority.id(), e.getMessage());
                return Uni.createFrom().voidItem();
            }
            return Workers.onCallerContext(source.fetch(url)
                    .onFailure().retry().withBackOff(Duration.ofMillis(500)).atMost(FETCH_ATTEMPTS - 1))
                    .chain(der -> workers.run(() -> checked(authority, event, der)))
                    .chain(crl -> crls.saveIfNewer(crl).invoke(stored -> Log.infof("CRL %d of CA %s %s",
                            crl.crlNumber(), authority.id(),
                            stored ? "cached for GetCRL" : "ignored (the same or a newer one is cached)")))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        Log.errorf("CRL %d of CA %s from %s not cached: %s", event.crlNumber(), authority.id(),
                                url, failure.getMessage());
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    /** The record of a CRL that {@code authority} signed; throws IllegalArgumentException otherwise. */
    static CrlRecord checked(Authority authority, CrlPublishedEvent event, byte[] der) {
        X509CRL crl;
        try {
            crl = Pem.crl(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the fetched document is not a DER CRL");
        }
        X509Certificate ca = Pem.certificate(authority.certificatePem());
        if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new IllegalArgumentException("the CRL was issued by another CA");
        }
        try {
            crl.verify(ca.getPublicKey());
        } catch (Exception e) {
            throw new IllegalArgumentException("the CRL signature does not verify with the CA's key");
        }
        BigInteger number = crlNumber(crl);
        return new CrlRecord(authority.id(), number == null ? event.crlNumber() : number.longValueExact(),
                event.crlUrl(), der, crl.getThisUpdate().toInstant(),
                crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant());
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return null;
        }
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    }
}
