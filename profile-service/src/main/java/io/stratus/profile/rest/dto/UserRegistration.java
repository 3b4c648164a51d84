package io.stratus.profile.rest.dto;

/**
 * Body of {@code POST /users} (and one row of {@code users:import}).
 *
 * @param id                       optional; generated when absent
 * @param userPrincipalName        required, {@code name@domain}, unique in the tenant
 * @param onPremDistinguishedName  optional on-premises distinguished name
 * @param onPremSamAccountName     optional on-premises SAM account name
 */
public record UserRegistration(String id, String userPrincipalName, String email, String givenName, String surname,
        String onPremDistinguishedName, String onPremSamAccountName) {
}
