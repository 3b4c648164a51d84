package io.stratus.ca.service.signing;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.scep.ScepRa;
import io.stratus.events.CertificateRequestedEvent;

/**
 * An RA certificate is only ever the CA's own SCEP RA: requested for the CA itself (not a device, assignment or
 * profile), always with the CA's fixed RA subject, for an RSA key SCEP clients can encrypt to. Whoever can publish a request
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
        if (!ScepRa.KEY_FAMILY.equals(context.key().family()) || context.key().size() < ScepRa.MIN_KEY_SIZE) {
            throw IssuanceRejection.policy("an RA key is RSA of at least " + ScepRa.MIN_KEY_SIZE + " bits, not "
                    + context.key().family() + " " + context.key().size());
        }
        draft.subjectDn = ScepRa.subject(authorityId);
    }
}
