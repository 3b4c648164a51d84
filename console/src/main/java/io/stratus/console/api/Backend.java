package io.stratus.console.api;

/** The services whose REST APIs the console calls. */
public enum Backend {
    CA("ca-service"),
    ENROLLMENT("enrollment-service"),
    PROFILE("profile-service");

    private final String serviceName;

    Backend(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
