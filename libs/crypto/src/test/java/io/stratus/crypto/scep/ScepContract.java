package io.stratus.crypto.scep;

import io.stratus.crypto.CsrException;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.SafetyNetHits;

/** The error contract of the SCEP server API, as the fuzz targets check it. */
final class ScepContract {

    private ScepContract() {
    }

    /**
     * Decodes, then reads the content the way the enrollment service does; returns the request, or null
     * when the server refused the message with a well-formed {@link ScepException}.
     */
    static ScepRequest decodeOrRefuse(ScepServer server, byte[] pkiOperation, RaCredentials ra) {
        ScepRequest request;
        try {
            request = server.decode(pkiOperation, ra);
        } catch (ScepException refused) {
            checkRefusal(refused);
            return null;
        }
        checkDecoded(request);
        readContent(request);
        return request;
    }

    private static void checkRefusal(ScepException refused) {
        SafetyNetHits.record(refused, "malformed pkiMessage (");
        if (refused.failInfo() == null) {
            throw new AssertionError("ScepException without failInfo: " + refused.getMessage(), refused);
        }
        ScepRequest partial = refused.partial();
        if (partial != null && (partial.messageType() == null || partial.transactionId() == null
                || partial.senderNonce() == null)) {
            throw new AssertionError("partial request lacks the attributes a CertRep needs: " + partial, refused);
        }
    }

    private static void checkDecoded(ScepRequest request) {
        if (request.messageType() == null || request.messageType() == MessageType.CertRep
                || request.transactionId() == null || request.senderNonce() == null
                || request.signerCertificate() == null || request.content() == null) {
            throw new AssertionError("incomplete decoded request: " + request);
        }
    }

    /** The content parsers behind a decoded request: their documented refusals only. */
    private static void readContent(ScepRequest request) {
        if (request.messageType().carriesCsr()) {
            try {
                Csrs.parse(request.content());
            } catch (CsrException refused) {
                // documented refusal of a bad PKCS#10
                SafetyNetHits.record(refused, "malformed PKCS#10 (");
                SafetyNetHits.record(refused, "malformed attributes");
            }
            return;
        }
        try {
            if (request.messageType() == MessageType.CertPoll) {
                request.issuerAndSubject();
            } else {
                request.issuerAndSerial();
            }
        } catch (IllegalArgumentException refused) {
            // documented refusal of malformed IssuerAndSubject / IssuerAndSerialNumber DER
        }
    }
}
