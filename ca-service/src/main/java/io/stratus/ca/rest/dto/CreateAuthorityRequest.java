package io.stratus.ca.rest.dto;

import java.util.List;

/**
 * Body of {@code POST /api/v1/tenants/{tenant}/authorities}. Enumerated values are taken as text so that a wrong
 * one gets a clear message instead of a generic JSON error.
 *
 * @param kind              ROOT or ISSUING
 * @param parentId          the root that signs an issuing CA
 * @param keyAlgorithm      RSA_2048, RSA_3072, RSA_4096, EC_P256 or EC_P384
 * @param extendedKeyUsages names (CLIENT_AUTH, ...) or dotted OIDs
 * @param external          true for an issuing CA signed by a root outside Stratus (no parentId, no validityYears)
 */
public record CreateAuthorityRequest(String displayName, String kind, String parentId, SubjectRequest subject,
        Integer validityYears, String keyAlgorithm, List<String> extendedKeyUsages, Boolean external) {
}
