package io.stratus.enrollment.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;

import io.stratus.crypto.ChallengeSeal;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.San;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.scep.ScepResponse;

/**
 * A managed device: an identity key (challenges are sealed to it), an enrollment key pair, and a SCEP
 * client built from {@code io.stratus.crypto.scep}.
 */
public final class TestDevice {

    public final String id = "dev-" + UUID.randomUUID();
    public final String name;
    public final KeyPair identity = KeyAlgorithm.EC_P256.generate();
    public final KeyPair keys;
    public final String transactionId;
    private X509Certificate signer;

    public TestDevice(String name) {
        this(name, KeyAlgorithm.RSA_2048.generate());
    }

    /** A device whose enrollment key pair is {@code keys}. */
    public TestDevice(String name, KeyPair keys) {
        this(name, keys, ScepClientMessages.transactionId(keys.getPublic()));
    }

    /** A device with its own keys that sends its messages under {@code transactionId} (someone else's, say). */
    public TestDevice(String name, KeyPair keys, String transactionId) {
        this.name = name;
        this.keys = keys;
        this.transactionId = transactionId;
    }

    public String subject() {
        return "CN=" + name + ",O=Stratus Test";
    }

    public String dnsName() {
        return name + ".devices.test";
    }

    /** Opens a challenge sealed to this device's identity key. */
    public String open(String sealedChallenge) {
        byte[] secret = ChallengeSeal.open(Base64.getDecoder().decode(sealedChallenge), identity.getPrivate(),
                identity.getPublic());
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** A CSR as the profile asks (subject and DNS SAN of this device). */
    public byte[] csr(String challenge) {
        return csr(subject(), challenge);
    }

    public byte[] csr(String subject, String challenge) {
        return Csrs.build(keys, subject, List.of(San.dns(dnsName())), challenge);
    }

    /** The self-signed certificate the device signs its requests with. */
    public synchronized X509Certificate signer() {
        if (signer == null) {
            signer = ScepClientMessages.selfSignedSigner(keys, subject());
        }
        return signer;
    }

    /** PKCSReq over POST; the verified CertRep. */
    public ScepResponse pkcsReq(ScepHttp http, X509Certificate ra, byte[] csr) {
        return pkcsReq(http, ra, ra, csr);
    }

    /** PKCSReq over POST with its content encrypted to {@code recipient}; the CertRep must be signed by {@code ra}. */
    public ScepResponse pkcsReq(ScepHttp http, X509Certificate recipient, X509Certificate ra, byte[] csr) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.pkcsReq(csr, signer(), keys.getPrivate(), recipient, transactionId,
                nonce);
        return decode(http.postPkiOperation(message), ra, nonce);
    }

    /** PKCSReq over POST under the given transaction id; the HTTP answer as it came. */
    public java.net.http.HttpResponse<byte[]> postPkcsReq(ScepHttp http, X509Certificate ra, byte[] csr,
            String transactionId) {
        byte[] message = ScepClientMessages.pkcsReq(csr, signer(), keys.getPrivate(), ra, transactionId,
                ScepClientMessages.newNonce());
        return http.postPkiOperation(message);
    }

    /** PKCSReq over GET (message in the query string). */
    public ScepResponse pkcsReqOverGet(ScepHttp http, X509Certificate ra, byte[] csr) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.pkcsReq(csr, signer(), keys.getPrivate(), ra, transactionId, nonce);
        return decode(http.getPkiOperation(message), ra, nonce);
    }

    /** CertPoll (GetCertInitial) for this device's transaction. */
    public ScepResponse certPoll(ScepHttp http, X509Certificate ra, X509Certificate issuer) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.certPoll(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                SubjectNames.parse(subject()), signer(), keys.getPrivate(), ra, transactionId, nonce);
        return decode(http.postPkiOperation(message), ra, nonce);
    }

    /**
     * RenewalReq for this device's keys and {@code csr}, signed with the certificate being renewed and its
     * key (the reply is encrypted to that certificate).
     */
    public ScepResponse renewalReq(ScepHttp http, X509Certificate ra, X509Certificate current, PrivateKey currentKey,
            byte[] csr) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.renewalReq(csr, current, currentKey, ra, transactionId, nonce);
        return decode(http.postPkiOperation(message), ra, nonce, current, currentKey);
    }

    /** GetCert for a certificate of {@code issuer} with {@code serial}. */
    public ScepResponse getCert(ScepHttp http, X509Certificate ra, X509Certificate issuer, BigInteger serial) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.getCert(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                serial, signer(), keys.getPrivate(), ra, ScepClientMessages.transactionId(keys.getPublic()) + "-gc-"
                        + UUID.randomUUID(), nonce);
        return decode(http.postPkiOperation(message), ra, nonce);
    }

    /** GetCRL for the CRL covering the certificate of {@code issuer} with {@code serial}. */
    public ScepResponse getCrl(ScepHttp http, X509Certificate ra, X509Certificate issuer, BigInteger serial) {
        byte[] nonce = ScepClientMessages.newNonce();
        byte[] message = ScepClientMessages.getCrl(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                serial, signer(), keys.getPrivate(), ra, "crl-" + UUID.randomUUID(), nonce);
        return decode(http.postPkiOperation(message), ra, nonce);
    }

    private ScepResponse decode(HttpResponse<byte[]> response, X509Certificate ra, byte[] nonce) {
        return decode(response, ra, nonce, signer(), keys.getPrivate());
    }

    private static ScepResponse decode(HttpResponse<byte[]> response, X509Certificate ra, byte[] nonce,
            X509Certificate requester, PrivateKey requesterKey) {
        assertEquals(200, response.statusCode(), () -> "HTTP " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("application/x-pki-message", response.headers().firstValue("Content-Type").orElse(""));
        return ScepClientMessages.decodeResponse(response.body(), requester, requesterKey, nonce, List.of(ra));
    }
}
