package io.stratus.profile.rest.dto;

/**
 * Body of {@code POST /profiles/trusted}.
 *
 * @param authorityId optional: the Stratus CA whose certificate this is
 */
public record TrustedProfileCreation(String name, String platform, String certificatePem, String store,
        String authorityId) {
}
