package io.stratus.ca.service.signing;

/**
 * One small step of the signing policy: a check that may reject the request ({@code IssuanceRejection}) or a
 * modifier that fills part of the certificate.
 */
@FunctionalInterface
public interface SigningOption {

    void apply(SigningContext context, LeafDraft draft);
}
