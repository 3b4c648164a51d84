package io.stratus.profile.service;

/** A profile cannot be resolved for a device (a variable without value, a name that is not valid). */
public class ProfileResolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProfileResolutionException(String reason) {
        super(reason, null, false, false);
    }
}
