package io.stratus.ca.rest.dto;

/**
 * Renew a CA in place. {@code newKey} (default false) generates a new key pair of the same algorithm;
 * {@code validityYears} (default: the CA's current lifetime) follows the rules of creation; {@code activate}
 * (default true) puts the new certificate in use at once, false only announces it (activate it later).
 */
public record RenewAuthorityRequest(Boolean newKey, Integer validityYears, Boolean activate) {

    public boolean wantsNewKey() {
        return Boolean.TRUE.equals(newKey);
    }

    public boolean activatesNow() {
        return activate == null || activate;
    }
}
