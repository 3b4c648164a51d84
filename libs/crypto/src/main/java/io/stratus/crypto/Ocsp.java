package io.stratus.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP (RFC 6960) for a CA's responder: reading requests, answering them in a signed BasicOCSPResponse, the error
 * responses, and the delegated responder certificate (id-kp-OCSPSigning, id-pkix-ocsp-nocheck) the CA issues to the
 * key that signs the answers.
 */
public final class Ocsp {

    /** What the responder says of one certificate. */
    public sealed interface Status permits Good, Revoked, Unknown {
    }

    public record Good() implements Status {
    }

    /** Revoked at {@code revokedAt}, with an RFC 5280 reason code (or null for none). */
    public record Revoked(Instant revokedAt, Integer reasonCode) implements Status {
    }

    public record Unknown() implements Status {
    }

    /** The answer to one request entry: the entry's certificate id and its status. */
    public record Answer(CertificateID certificateId, Status status) {
    }

    /** A request that is not a DER OCSPRequest, or asks for nothing. */
    public static final class MalformedRequest extends Exception {
        MalformedRequest(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final DigestCalculatorProvider DIGESTS = digests();

    private Ocsp() {
    }

    /** The most certificates one request may ask about (clients ask about one). */
    public static final int MAX_ENTRIES = 10;
    /** The largest request read (a request about {@link #MAX_ENTRIES} certificates, signed, is far smaller). */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;
    /** The longest serial number RFC 5280 4.1.2.2 allows, in octets. */
    private static final int MAX_SERIAL_OCTETS = 20;

    /**
     * The request in {@code der}; throws {@link MalformedRequest} when it is not one, is larger than
     * {@link #MAX_REQUEST_BYTES}, names no certificate or more than {@link #MAX_ENTRIES}, or a serial that is negative
     * or longer than 20 octets: what a responder does for it then must stay small.
     */
    public static OCSPReq parse(byte[] der) throws MalformedRequest {
        if (der == null || der.length > MAX_REQUEST_BYTES) {
            throw new MalformedRequest("no request, or one larger than " + MAX_REQUEST_BYTES + " bytes", null);
        }
        OCSPReq request;
        try {
            request = new OCSPReq(der);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequest("not a DER OCSPRequest: " + e.getMessage(), e);
        }
        Req[] entries = request.getRequestList();
        if (entries.length == 0 || entries.length > MAX_ENTRIES) {
            throw new MalformedRequest("a request names 1 to " + MAX_ENTRIES + " certificates, not " + entries.length,
                    null);
        }
        for (Req entry : entries) {
            BigInteger serial = entry.getCertID().getSerialNumber();
            if (serial.signum() < 0 || serial.toByteArray().length > MAX_SERIAL_OCTETS + 1) {
                throw new MalformedRequest("a serial number is negative or longer than 20 octets", null);
            }
        }
        return request;
    }

    /** The certificate ids a request asks about, in its order. */
    public static List<CertificateID> certificateIds(OCSPReq request) {
        return java.util.Arrays.stream(request.getRequestList()).map(Req::getCertID).toList();
    }

    /** The request's nonce extension (RFC 6960 4.4.1), to be echoed, or null. */
    public static Extension nonce(OCSPReq request) {
        return request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    }

    /** Whether the id names a certificate issued by {@code issuer} (its name and key hashes match). */
    public static boolean issuedBy(CertificateID id, X509Certificate issuer) {
        try {
            return id.matchesIssuer(new JcaX509CertificateHolder(issuer), DIGESTS);
        } catch (OCSPException | CertificateEncodingException e) {
            return false;
        }
    }

    /**
     * A successful response with one answer per entry, signed by the responder's key, naming the responder by its key
     * hash and carrying its certificate; the nonce, when there is one, is echoed. {@code nextUpdate} tells clients
     * how long they may keep it.
     */
    public static byte[] respond(List<Answer> answers, Extension nonce, X509Certificate responder,
            PrivateKey responderKey, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509CertificateHolder responderHolder = new JcaX509CertificateHolder(responder);
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(responderHolder.getSubjectPublicKeyInfo(), DIGESTS.get(CertificateID.HASH_SHA1)));
            for (Answer answer : answers) {
                builder.addResponse(answer.certificateId(), status(answer.status()), Date.from(thisUpdate),
                        Date.from(nextUpdate), null);
            }
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(ContentSigners.forKey(responderKey, responder.getPublicKey()),
                    new X509CertificateHolder[] {responderHolder}, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new CryptoException("cannot build the OCSP response", e);
        }
    }

    /** An unsigned error response: {@link OCSPRespBuilder#MALFORMED_REQUEST}, {@code UNAUTHORIZED}, ... */
    public static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new CryptoException("cannot build the OCSP error response", e);
        }
    }

    /** The status of a response's answers, for tests and clients: the response must be successful. */
    public static BasicOCSPResp basicResponse(byte[] der) throws IOException, OCSPException {
        OCSPResp response = new OCSPResp(der);
        if (response.getStatus() != OCSPRespBuilder.SUCCESSFUL) {
            throw new OCSPException("OCSP response status " + response.getStatus());
        }
        return (BasicOCSPResp) response.getResponseObject();
    }

    /**
     * The delegated responder's certificate, signed by the CA's key: end entity, digitalSignature only,
     * id-kp-OCSPSigning, and id-pkix-ocsp-nocheck (clients do not check a responder certificate's own revocation; it
     * lives as long as {@code notAfter}, which should be short).
     */
    public static X509Certificate responderCertificate(String subjectDn, PublicKey responderKey, Instant notBefore,
            Instant notAfter, X509Certificate issuer, PrivateKey issuerKey) {
        X509v3CertificateBuilder builder = Certificates.start(Certificates.subjectOf(issuer), Serials.random(),
                notBefore, notAfter, SubjectNames.parse(subjectDn), responderKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Extensions.addKeyIdentifiers(builder, responderKey, X509Extensions.authorityKeyId(issuer));
            X509Extensions.addExtendedKeyUsages(builder, List.of(ExtendedKeyUsages.OCSP_SIGNING));
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        } catch (CertIOException e) {
            throw new CryptoException("cannot encode the responder certificate's extensions", e);
        }
        return Certificates.sign(builder, KeyAlgorithm.of(issuer.getPublicKey()).signatureAlgorithm(), issuerKey);
    }

    /** The serial number an entry asks about. */
    public static BigInteger serial(CertificateID id) {
        return id.getSerialNumber();
    }

    private static CertificateStatus status(Status status) {
        if (status instanceof Good) {
            return CertificateStatus.GOOD;
        }
        if (status instanceof Revoked revoked) {
            return revoked.reasonCode() == null ? new RevokedStatus(Date.from(revoked.revokedAt()))
                    : new RevokedStatus(Date.from(revoked.revokedAt()), revoked.reasonCode());
        }
        return new UnknownStatus();
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
