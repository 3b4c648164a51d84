package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.scep.ScepRa;
import io.stratus.events.CertificateRequestedEvent;

/**
 * An RA certificate is only ever the CA's own SCEP RA: requested for the CA itself (not a device, assignment or
 * profile), with the CA's fixed RA subject and an RSA key SCEP clients can encrypt to. Whoever can publish a request
 * cannot use the RA purpose to obtain a certificate for another name.
 */
final class RaForItsCa implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        CertificateRequestedEvent request = context.request();
        String authorityId = context.authority().id;
        if (!authorityId.equals(request.deviceId()) || request.assignmentId() != null || request.profileId() != null) {
            throw IssuanceRejection.policy("an RA certificate is requested for its CA only, not for device "
                    + request.deviceId());
        }
        String subject = ScepRa.subject(authorityId);
        if (!subject.equals(context.csr().subjectDn())) {
            throw IssuanceRejection.policy("an RA CSR of CA " + authorityId + " must have the subject " + subject);
        }
        if (!ScepRa.KEY_FAMILY.equals(context.csr().keyFamily()) || context.csr().keySize() < ScepRa.MIN_KEY_SIZE) {
            throw IssuanceRejection.policy("an RA key is RSA of at least " + ScepRa.MIN_KEY_SIZE + " bits, not "
                    + context.csr().keyFamily() + " " + context.csr().keySize());
        }
        draft.subjectDn = subject;
    }
}
