package io.stratus.enrollment.service;

import io.stratus.crypto.CsrException;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.crypto.scep.ScepException;
import io.stratus.crypto.scep.ScepRequest;
import io.stratus.crypto.scep.ScepServer;

/**
 * A pkiMessage after the crypto work: the request, its CSR (parsed and signature-checked, or why not) for
 * PKCSReq/RenewalReq, or the failInfo of a message that could be read only partly; and its {@link RequesterKey}.
 */
record DecodedRequest(ScepRequest request, ParsedCsr csr, String csrProblem, FailInfo failInfo, String failure,
        byte[] requesterKey) {

    boolean failed() {
        return failInfo != null;
    }

    /**
     * Decrypts and verifies the message and parses its CSR (CPU work).
     *
     * @throws UndecodableMessageException when not even the SCEP attributes can be read
     */
    static DecodedRequest decode(ScepServer server, byte[] message, ScepAuthority authority) {
        ScepRequest request;
        try {
            request = server.decode(message, authority.ra());
        } catch (ScepException e) {
            if (!e.canReply()) {
                throw new UndecodableMessageException(e.getMessage());
            }
            return new DecodedRequest(e.partial(), null, null, e.failInfo(), e.getMessage(), null);
        }
        byte[] requesterKey = RequesterKey.of(request);
        if (!request.messageType().carriesCsr()) {
            return new DecodedRequest(request, null, null, null, null, requesterKey);
        }
        try {
            return new DecodedRequest(request, Csrs.parse(request.content()), null, null, null, requesterKey);
        } catch (CsrException e) {
            return new DecodedRequest(request, null, e.getMessage(), null, null, requesterKey);
        }
    }
}
