package io.stratus.profile.rest.dto;

/**
 * Body of {@code POST /groups} and {@code PUT /groups/{id}}.
 *
 * @param membershipRule optional; a rule such as {@code device.platform -eq "WINDOWS"} makes the group dynamic
 */
public record GroupCreation(String name, String membershipRule) {

    public GroupCreation(String name) {
        this(name, null);
    }
}
