package io.stratus.simulator.scep;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;

import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.IssuerAndSubject;
import io.stratus.crypto.scep.MessageType;
import io.stratus.crypto.scep.PkiStatus;
import io.stratus.crypto.scep.ScepCipherSuite;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.scep.ScepResponse;
import io.stratus.simulator.config.SimulatorConfig;
import io.quarkus.logging.Log;
import io.stratus.simulator.service.ScepEnrollmentClient;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A device's SCEP client (RFC 8894): GetCACaps, GetCACert, PKCSReq signed with a self-signed
 * certificate over the new key and encrypted to the RA, then CertPoll while the CA answers PENDING.
 * RenewalReq is signed with the certificate being renewed and its key. Every CertRep must be signed by the RA and echo the request's nonce as recipientNonce.
 */
@ApplicationScoped
public class ScepClient implements ScepEnrollmentClient {

    private final ScepHttpTransport transport;
    private final SimulatorConfig config;

    public ScepClient(HttpClient http, SimulatorConfig config) {
        this.transport = new ScepHttpTransport(http, config.httpTimeout());
        this.config = config;
    }

    @Override
    public ScepOutcome enroll(URI scepUrl, KeyPair keyPair, byte[] csr, String subjectDn, String transactionId) {
        X509Certificate signer = ScepClientMessages.selfSignedSigner(keyPair, signerSubject(subjectDn, keyPair));
        return exchange(MessageType.PKCSReq, scepUrl, keyPair, csr, subjectDn, signer, keyPair.getPrivate(),
                transactionId);
    }

    @Override
    public ScepOutcome renew(URI scepUrl, KeyPair newKeyPair, byte[] csr, String subjectDn,
            X509Certificate currentCertificate, PrivateKey currentKey) {
        return exchange(MessageType.RenewalReq, scepUrl, newKeyPair, csr, subjectDn, currentCertificate, currentKey,
                ScepClientMessages.transactionId(newKeyPair.getPublic()));
    }

    private ScepOutcome exchange(MessageType type, URI scepUrl, KeyPair keyPair, byte[] csr, String subjectDn,
            X509Certificate signer, PrivateKey signerKey, String transactionId) {
        long start = System.nanoTime();
        ScepCapabilities capabilities = ScepCapabilities.parse(whileUnreachable(() -> transport.getCaCaps(scepUrl)));
        CaCertificates ca = CaCertificates.parse(whileUnreachable(() -> transport.getCaCert(scepUrl)));
        Exchange exchange = new Exchange(scepUrl, transactionId, ca, capabilities, signer, signerKey);
        int polls = 0;
        ScepResponse response = null;
        while (response == null) {
            try {
                response = exchange.send(type, csr);
            } catch (ScepException e) {
                // the server went away mid-request: send it again in the same transaction (the server answers a
                // repeated transaction id with that transaction's state, never a second certificate)
                if (!e.unreachable() || polls >= config.pollLimit()) {
                    throw e;
                }
                Log.debugf("%s: %s; sending it again", type, e.getMessage());
                pause();
                polls++;
            }
        }
        while (response.status() == PkiStatus.PENDING) {
            if (polls >= config.pollLimit()) {
                throw new ScepException("the CA still answered PENDING after " + polls + " polls");
            }
            pause();
            polls++;
            response = poll(exchange, ca, subjectDn, response);
        }
        long nanos = System.nanoTime() - start;
        if (response.status() == PkiStatus.FAILURE) {
            String failInfo = response.failInfo() == null ? "unspecified" : response.failInfo().name();
            return ScepOutcome.rejected(failInfo, ca.all(), nanos, polls);
        }
        return ScepOutcome.issued(issuedFor(keyPair, response.certificates()), ca.all(), nanos, polls);
    }

    /** One CertPoll; while the server is unreachable (restarting, 5xx) the transaction stays PENDING. */
    private static ScepResponse poll(Exchange exchange, CaCertificates ca, String subjectDn, ScepResponse pending) {
        try {
            return exchange.send(MessageType.CertPoll, IssuerAndSubject.encode(
                    X500Name.getInstance(ca.issuer().getSubjectX500Principal().getEncoded()),
                    SubjectNames.parse(subjectDn)));
        } catch (ScepException e) {
            if (!e.unreachable()) {
                throw e;
            }
            Log.debugf("CertPoll: %s; polling again", e.getMessage());
            return pending;
        }
    }

    /**
     * A GetCACaps or GetCACert sent again while the server is unreachable (restarting, 5xx), up to a limit:
     * a device whose server is down for a moment tries again, it does not give up its enrollment.
     */
    private <T> T whileUnreachable(java.util.function.Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (ScepException e) {
                if (!e.unreachable() || attempt >= config.unreachableAttempts()) {
                    throw e;
                }
                Log.debugf("%s; trying again", e.getMessage());
                pause();
            }
        }
    }

    private static X509Certificate issuedFor(KeyPair keyPair, List<X509Certificate> certificates) {
        return certificates.stream().filter(c -> c.getPublicKey().equals(keyPair.getPublic())).findFirst()
                .orElseThrow(() -> new ScepException("the SUCCESS reply holds no certificate for the device's key"));
    }

    /** The subject of the temporary signer certificate: the request's, or one naming the transaction. */
    private static String signerSubject(String subjectDn, KeyPair keyPair) {
        if (subjectDn != null && !subjectDn.isBlank()) {
            return subjectDn;
        }
        return "CN=SCEP " + ScepClientMessages.transactionId(keyPair.getPublic()).substring(0, 16);
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScepException("interrupted while waiting to poll");
        }
    }

    /** One SCEP transaction: the same transaction id, signer and recipient for the request and its polls. */
    private final class Exchange {
        private final URI scepUrl;
        private final PrivateKey signerKey;
        private final CaCertificates ca;
        private final ScepCipherSuite suite;
        private final boolean post;
        private final X509Certificate signer;
        private final String transactionId;

        /** The messages of one transaction, signed by {@code signer}. */
        Exchange(URI scepUrl, String transactionId, CaCertificates ca, ScepCapabilities capabilities,
                X509Certificate signer, PrivateKey signerKey) {
            this.scepUrl = scepUrl;
            this.signerKey = signerKey;
            this.ca = ca;
            this.suite = capabilities.cipherSuite();
            this.post = capabilities.postPkiOperation();
            this.signer = signer;
            this.transactionId = transactionId;
        }

        ScepResponse send(MessageType type, byte[] content) {
            byte[] nonce = ScepClientMessages.newNonce();
            byte[] request = ScepClientMessages.request(type, content, signer, signerKey, ca.recipient(),
                    transactionId, nonce, suite);
            byte[] reply = transport.pkiOperation(scepUrl, request, post);
            ScepResponse response;
            try {
                response = ScepClientMessages.decodeResponse(reply, signer, signerKey, nonce,
                        ca.replySigners());
            } catch (io.stratus.crypto.scep.ScepException e) {
                throw new ScepException(type + " reply rejected: " + e.getMessage(), e);
            }
            if (!transactionId.equals(response.transactionId())) {
                throw new ScepException(type + " reply names another transaction");
            }
            return response;
        }
    }
}
