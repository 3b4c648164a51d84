package io.stratus.profile.rest.dto;

import java.time.Instant;

/** A user. */
public record UserView(String id, String tenant, String userPrincipalName, String email, String givenName,
        String surname, String onPremDistinguishedName, String onPremSamAccountName, Instant createdAt) {
}
