package io.stratus.ca.service;

import java.util.List;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.AuthorityKind;

/**
 * A validated request for a new CA (parent checks still to come). An external CA has no parent and no validity of
 * its own choosing (validityYears 0): the external root decides.
 */
public record NewAuthority(String tenant, String displayName, AuthorityKind kind, String parentId, String subjectDn,
        int validityYears, KeyAlgorithm keyAlgorithm, List<String> extendedKeyUsageOids, boolean external) {

    public NewAuthority {
        extendedKeyUsageOids = List.copyOf(extendedKeyUsageOids);
    }
}
