package io.stratus.profile.rest.dto;

/** Body of {@code POST /groups}. */
public record GroupCreation(String name) {
}
