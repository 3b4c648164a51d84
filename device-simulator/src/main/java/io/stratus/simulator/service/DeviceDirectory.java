package io.stratus.simulator.service;

import java.util.List;

/** Where devices are registered and grouped (profile-service); the narrow port the fleet needs. */
public interface DeviceDirectory {

    /** Registers a device with its identity public key (base64 SubjectPublicKeyInfo). */
    void register(String tenant, DeviceRegistration registration);

    /** Registers a user; a user that exists already (409) is fine. */
    void registerUser(String tenant, UserRegistration user);

    /** Adds devices to a group; the directory then assigns the group's profiles to them. */
    void addMembers(String tenant, String groupId, List<String> deviceIds);

    /** What profile-service learns about a device. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record DeviceRegistration(String id, String name, String platform, String serialNumber,
            String identityPublicKey, String primaryUserId) {
    }

    /** What profile-service learns about a device's primary user. */
    record UserRegistration(String id, String userPrincipalName, String email, String givenName, String surname) {
    }

    /** The directory refused or could not be reached. */
    final class DirectoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DirectoryException(String message) {
            super(message);
        }

        public DirectoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
