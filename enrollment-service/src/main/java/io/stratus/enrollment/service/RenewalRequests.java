package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.FailInfo;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * RenewalReq (RFC 8894 section 3.3.1.2): no challenge; the message is signed with the device's current
 * certificate, which this CA issued, this service handed out, is valid now and not revoked. The CSR must
 * carry a new key and the old certificate's subject; the certificate is issued under the policy of the
 * original enrollment (SANs, EKUs, key usages and validity come from it). {@link RenewalEligibility} decides
 * whether the certificate may renew now (its assignment active, inside its renewal window); each certificate
 * renews once.
 */
@ApplicationScoped
public class RenewalRequests {

    private static final List<CsrCheck> CHECKS = List.of(new KeyMatchesPolicy(), new NoCaRequest());

    private final IssuanceRelay relay;
    private final IssuedCertificateStore issuedCertificates;
    private final EnrollmentStore enrollments;
    private final RenewalEligibility eligibility;

    public RenewalRequests(IssuanceRelay relay, IssuedCertificateStore issuedCertificates,
            EnrollmentStore enrollments, RenewalEligibility eligibility) {
        this.relay = relay;
        this.issuedCertificates = issuedCertificates;
        this.enrollments = enrollments;
        this.eligibility = eligibility;
    }

    /**
     * True when the request is signed with a certificate whose issuer is this CA (not a self-signed one):
     * a PKCSReq signed that way without a valid challenge is a renewal in the older style (jscep 2.5 and
     * other draft-era clients renew with PKCSReq signed by the current certificate).
     */
    public static boolean signedWithCertificateOf(ScepAuthority ca, DecodedRequest decoded) {
        X509Certificate signer = decoded.request().signerCertificate();
        if (signer == null || signer.getIssuerX500Principal().equals(signer.getSubjectX500Principal())) {
            return false;
        }
        try {
            for (X509Certificate generation : ca.authority().allGenerations()) {
                if (signer.getIssuerX500Principal().equals(generation.getSubjectX500Principal())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A RenewalReq, or a PKCSReq that {@link #signedWithCertificateOf} says is a renewal. */
    public Uni<ScepAnswer> renew(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (reusesSignerKey(decoded)) {
            // checked first: such a request usually repeats the enrollment's transaction id (the key's hash)
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest,
                    "a renewal needs a new key; the CSR reuses the current certificate's key");
        }
        return relay.known(ca, transactionId, decoded.requesterKey()).chain(known -> known != null
                ? Uni.createFrom().item(known)
                : checkAndRelay(ca, decoded));
    }

    private Uni<ScepAnswer> checkAndRelay(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        if (decoded.csr() == null) {
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, "unusable CSR: " + decoded.csrProblem());
        }
        X509Certificate signer = decoded.request().signerCertificate();
        RenewalSigner.Refusal signerRefusal = RenewalSigner.check(signer, ca.authority().allGenerations(),
                Instant.now());
        if (signerRefusal != null) {
            return IssuanceRelay.refuse(transactionId, signerRefusal.failInfo(), signerRefusal.reason());
        }
        String serial = SerialNumbers.of(signer.getSerialNumber());
        return issuedCertificates.find(ca.authority().id(), serial).chain(issued -> {
            if (issued == null || !Arrays.equals(issued.certificateDer(), Pem.der(signer))) {
                return IssuanceRelay.refuse(transactionId, FailInfo.badCertId,
                        "signer certificate " + serial + " was not handed out by this service");
            }
            if (issued.revoked()) {
                return IssuanceRelay.refuse(transactionId, FailInfo.badRequest,
                        "signer certificate " + serial + " is revoked");
            }
            TransactionKey originalKey = new TransactionKey(ca.authority().id(), issued.transactionId());
            return enrollments.find(originalKey).chain(original -> {
                if (original == null || original.policy() == null) {
                    return IssuanceRelay.refuse(transactionId, FailInfo.badRequest,
                            "the enrollment of certificate " + serial + " kept no policy to renew under");
                }
                String violation = violation(decoded.csr(), signer, original);
                if (violation != null) {
                    return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, violation);
                }
                return eligibility.decide(ca, signer, original, Instant.now()).chain(decision -> decision.refusal() != null
                        ? IssuanceRelay.refuse(transactionId, FailInfo.badRequest, decision.refusal())
                        : relay.openAndRelay(ca, Enrollment.renewal(transactionId, original, serial,
                                decision.assignedAt()), decoded.csr(), decoded.requesterKey()));
            });
        });
    }

    private static boolean reusesSignerKey(DecodedRequest decoded) {
        X509Certificate signer = decoded.request().signerCertificate();
        return decoded.csr() != null && signer != null
                && Arrays.equals(decoded.csr().publicKey().getEncoded(), signer.getPublicKey().getEncoded());
    }

    /** Null when the CSR may renew {@code signer} under the original enrollment's policy. */
    static String violation(ParsedCsr csr, X509Certificate signer, Enrollment original) {
        if (Arrays.equals(csr.publicKey().getEncoded(), signer.getPublicKey().getEncoded())) {
            return "a renewal needs a new key; the CSR reuses the current certificate's key";
        }
        if (!sameSubject(csr, signer)) {
            return "the CSR subject differs from the certificate being renewed";
        }
        for (CsrCheck check : CHECKS) {
            String violation = check.violation(csr, original.policy());
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    private static boolean sameSubject(ParsedCsr csr, X509Certificate signer) {
        try {
            return SubjectNames.same(csr.subjectDn(), SubjectNames.toString(signer.getSubjectX500Principal()));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
