package io.stratus.simulator.service;

import io.stratus.crypto.scep.ScepClientMessages;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/** The SCEP client a device enrolls with (RFC 8894): the narrow port the enrollment logic needs. */
public interface ScepEnrollmentClient {

    /**
     * Enrolls: GetCACaps, GetCACert, PKCSReq, CertPoll while PENDING.
     *
     * @param csr       DER PKCS#10 request signed by {@code keyPair}
     * @param subjectDn the subject of the request (RFC 4514), also used for CertPoll
     * @return the CA's final answer (issued or rejected)
     * @throws ScepException when the exchange fails (transport, protocol, signature, nonce, poll limit)
     */
    default ScepOutcome enroll(URI scepUrl, KeyPair keyPair, byte[] csr, String subjectDn) {
        return enroll(scepUrl, keyPair, csr, subjectDn, ScepClientMessages.transactionId(keyPair.getPublic()));
    }

    /**
     * As {@link #enroll(URI, KeyPair, byte[], String)} with a transactionID of the caller's (RFC 8894 asks only that it
     * be unique): bench devices share recycled keys, so the usual hash of the public key would repeat.
     */
    ScepOutcome enroll(URI scepUrl, KeyPair keyPair, byte[] csr, String subjectDn, String transactionId);

    /**
     * Renews: GetCACaps, GetCACert, RenewalReq signed with the current certificate and its key (no
     * challenge), CertPoll while PENDING.
     *
     * @param newKeyPair the new key pair; {@code csr} is signed by it
     */
    ScepOutcome renew(URI scepUrl, KeyPair newKeyPair, byte[] csr, String subjectDn,
            X509Certificate currentCertificate, java.security.PrivateKey currentKey);

    /**
     * The final answer of an enrollment.
     *
     * @param certificate    the issued certificate (null when rejected)
     * @param caCertificates the certificates GetCACert returned (issuing CA, RA, perhaps more)
     * @param failInfo       the SCEP failInfo name when rejected (badAlg, badMessageCheck, badRequest, badTime, badCertId)
     * @param nanos          first SCEP request until the answer was in hand, polls included
     * @param polls          CertPoll requests sent
     */
    record ScepOutcome(X509Certificate certificate, List<X509Certificate> caCertificates, String failInfo,
            long nanos, int polls) {

        public boolean issued() {
            return certificate != null;
        }

        /** The enrollment's duration in milliseconds. */
        public double millis() {
            return nanos / 1_000_000.0;
        }

        public static ScepOutcome issued(X509Certificate certificate, List<X509Certificate> caCertificates,
                long nanos, int polls) {
            return new ScepOutcome(certificate, List.copyOf(caCertificates), null, nanos, polls);
        }

        public static ScepOutcome rejected(String failInfo, List<X509Certificate> caCertificates, long nanos,
                int polls) {
            return new ScepOutcome(null, List.copyOf(caCertificates), failInfo, nanos, polls);
        }
    }

    /** The SCEP exchange failed before the CA gave a final answer. */
    final class ScepException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean unreachable;

        public ScepException(String message) {
            this(message, null, false);
        }

        public ScepException(String message, Throwable cause) {
            this(message, cause, false);
        }

        private ScepException(String message, Throwable cause, boolean unreachable) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        /**
         * The server could not be reached or answered a server error (5xx): it said nothing about the request, so
         * a device that is polling tries again later, as real devices do.
         */
        public static ScepException unreachable(String message, Throwable cause) {
            return new ScepException(message, cause, true);
        }

        public boolean unreachable() {
            return unreachable;
        }
    }
}
