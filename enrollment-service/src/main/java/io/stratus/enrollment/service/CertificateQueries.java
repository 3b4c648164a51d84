package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.IssuerAndSerial;
import io.stratus.crypto.scep.ScepRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GetCert (a certificate this CA issued and this service handed out, by issuer and serial) and GetCRL (the
 * CA's current CRL, learned from CrlPublished). Both take an IssuerAndSerialNumber naming this CA.
 */
@ApplicationScoped
public class CertificateQueries {

    private final IssuedCertificateStore issuedCertificates;
    private final CrlStore crls;

    public CertificateQueries(IssuedCertificateStore issuedCertificates, CrlStore crls) {
        this.issuedCertificates = issuedCertificates;
        this.crls = crls;
    }

    public Uni<ScepAnswer> certificate(ScepAuthority ca, ScepRequest request) {
        IssuerAndSerial wanted = issuerAndSerial(request);
        if (wanted == null) {
            return IssuanceRelay.refuse(request.transactionId(), FailInfo.badRequest, "GetCert content is malformed");
        }
        if (!issuedByThisCa(ca, wanted)) {
            return IssuanceRelay.refuse(request.transactionId(), FailInfo.badCertId, "GetCert names another issuer");
        }
        String serial = SerialNumbers.of(wanted.serial());
        return issuedCertificates.find(ca.authority().id(), serial).chain(found -> found == null
                ? IssuanceRelay.refuse(request.transactionId(), FailInfo.badCertId, "no certificate " + serial)
                : Uni.createFrom().item(ScepAnswer.success(found.certificateDer())));
    }

    public Uni<ScepAnswer> crl(ScepAuthority ca, ScepRequest request) {
        IssuerAndSerial wanted = issuerAndSerial(request);
        if (wanted == null) {
            return IssuanceRelay.refuse(request.transactionId(), FailInfo.badRequest, "GetCRL content is malformed");
        }
        if (!issuedByThisCa(ca, wanted)) {
            return IssuanceRelay.refuse(request.transactionId(), FailInfo.badCertId, "GetCRL names another issuer");
        }
        return crls.find(ca.authority().id()).chain(crl -> {
            if (crl == null) {
                return IssuanceRelay.refuse(request.transactionId(), FailInfo.badRequest,
                        "no CRL of CA " + ca.authority().id() + " has been published yet");
            }
            Log.debugf("GetCRL %s: CRL %d of CA %s", request.transactionId(), crl.crlNumber(), ca.authority().id());
            return Uni.createFrom().item(ScepAnswer.crl(crl.der()));
        });
    }

    private static IssuerAndSerial issuerAndSerial(ScepRequest request) {
        try {
            IssuerAndSerial value = request.issuerAndSerial();
            return value.serial() == null || value.serial().signum() < 0 ? null : value;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean issuedByThisCa(ScepAuthority ca, IssuerAndSerial wanted) {
        try {
            X509Certificate caCertificate = Pem.certificate(ca.authority().certificatePem());
            return SubjectNames.same(wanted.issuerDn(), SubjectNames.toString(caCertificate.getSubjectX500Principal()));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
