package io.stratus.enrollment.service;

import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.PkiStatus;

/**
 * What a CertRep will say, before it is signed: a status, a failInfo on FAILURE, and on SUCCESS the
 * certificate (DER) or, for GetCRL, the CRL (DER).
 */
public record ScepAnswer(PkiStatus status, FailInfo failInfo, byte[] certificateDer, byte[] crlDer) {

    public static ScepAnswer success(byte[] certificateDer) {
        return new ScepAnswer(PkiStatus.SUCCESS, null, certificateDer, null);
    }

    public static ScepAnswer crl(byte[] crlDer) {
        return new ScepAnswer(PkiStatus.SUCCESS, null, null, crlDer);
    }

    public static ScepAnswer pending() {
        return new ScepAnswer(PkiStatus.PENDING, null, null, null);
    }

    public static ScepAnswer failure(FailInfo failInfo) {
        return new ScepAnswer(PkiStatus.FAILURE, failInfo, null, null);
    }

    /** The answer a stored transaction gives. */
    public static ScepAnswer of(Enrollment enrollment) {
        switch (enrollment.status()) {
            case ISSUED:
                return success(enrollment.certificateDer());
            case PENDING:
                return pending();
            default:
                return failure(FailInfo.badRequest);
        }
    }
}
