package io.stratus.ca.rest.dto;

/** Body of a revocation: an RFC 5280 reason name such as keyCompromise (optional for CAs). */
public record RevokeRequest(String reason) {
}
