package io.stratus.ca.rest.dto;

import java.util.Set;

/** How many certificates a bulk revocation revoked, with which reason, and of which CAs. */
public record BulkRevokeResponse(int revoked, String reason, Set<String> authorityIds) {
}
