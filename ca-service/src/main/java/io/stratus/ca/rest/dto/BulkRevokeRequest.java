package io.stratus.ca.rest.dto;

/**
 * Revoke every certificate of the tenant that is neither revoked nor expired and belongs to this device, this profile
 * and this CA (the fields given; at least one), with an RFC 5280 reason (unspecified when absent).
 */
public record BulkRevokeRequest(String deviceId, String profileId, String authorityId, String reason) {
}
