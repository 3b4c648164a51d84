package io.stratus.profile.rest.dto;

/** A subject alternative name template: type {@code DNS|EMAIL|UPN|URI} and a value with variables. */
public record SanRequest(String type, String value) {
}
