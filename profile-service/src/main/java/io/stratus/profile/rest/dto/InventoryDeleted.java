package io.stratus.profile.rest.dto;

/** Answer of {@code DELETE /devices/{id}} and {@code DELETE /users/{id}}. */
public record InventoryDeleted(String id, int assigned, int unassigned, int failed) {
}
