package io.stratus.enrollment.service;

import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.RaCredentials;
import io.stratus.crypto.scep.ScepRequest;
import io.stratus.crypto.scep.ScepServer;

/** Signs CertReps with the RA key (CPU work: call it on a worker thread). */
final class CertRepBuilder {

    private CertRepBuilder() {
    }

    static ScepReply build(ScepRequest request, ScepAnswer answer, RaCredentials ra) {
        byte[] certRep;
        switch (answer.status()) {
            case SUCCESS:
                certRep = answer.crlDer() != null
                        ? ScepServer.success(request, Pem.crl(answer.crlDer()), ra)
                        : ScepServer.success(request, List.of(Pem.certificate(answer.certificateDer())), ra);
                break;
            case PENDING:
                certRep = EmptyEncapsulatedContent.apply(ScepServer.pending(request, ra));
                break;
            default:
                certRep = EmptyEncapsulatedContent.apply(ScepServer.failure(request, answer.failInfo(), ra));
        }
        return new ScepReply(certRep, answer.status(), request.messageType());
    }
}
