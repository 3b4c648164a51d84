package io.stratus.ca.service.signing;

import java.util.ArrayList;
import java.util.List;

import io.stratus.ca.service.IssuanceRejection;
import io.stratus.crypto.KeyUsages;

/** Key usages come from the policy only; CA usages (keyCertSign, cRLSign) are refused. */
final class KeyUsagesFromPolicy implements SigningOption {

    private static final int CA_BITS = KeyUsages.bit(KeyUsages.KEY_CERT_SIGN) | KeyUsages.bit(KeyUsages.CRL_SIGN);

    @Override
    public void apply(SigningContext context, LeafDraft draft) {
        List<String> names = context.request().policy().keyUsages();
        List<String> usages = new ArrayList<>();
        if (names != null) {
            for (String name : names) {
                int bit;
                try {
                    bit = KeyUsages.bit(name);
                } catch (IllegalArgumentException e) {
                    throw IssuanceRejection.policy("unknown key usage '" + name + "' in the policy");
                }
                if ((bit & CA_BITS) != 0) {
                    throw IssuanceRejection.policy("key usage " + name + " is reserved for CAs");
                }
                usages.add(name.trim());
            }
        }
        draft.keyUsages = usages;
    }
}
