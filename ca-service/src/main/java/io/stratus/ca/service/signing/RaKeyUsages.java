package io.stratus.ca.service.signing;

import java.util.List;

import io.stratus.crypto.KeyUsages;
import io.stratus.crypto.scep.ScepRa;

/** An RA certificate signs and decrypts SCEP messages: digitalSignature and keyEncipherment, Certificate Request Agent. */
final class RaKeyUsages implements SigningOption {

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        draft.keyUsages = List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT);
        draft.extendedKeyUsageOids = List.of(ScepRa.EXTENDED_KEY_USAGE);
    }
}
