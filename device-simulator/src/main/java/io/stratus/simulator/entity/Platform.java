package io.stratus.simulator.entity;

import java.util.Arrays;
import java.util.Locale;

/** Device platforms profile-service knows. */
public enum Platform {
    WINDOWS, MACOS, IOS, ANDROID;

    /** The platform named (case-insensitive); unknown → IllegalArgumentException naming the choices. */
    public static Platform parse(String name) {
        if (name == null || name.isBlank()) {
            return WINDOWS;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("platform must be one of " + Arrays.toString(values()));
        }
    }
}
