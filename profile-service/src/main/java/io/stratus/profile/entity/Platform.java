package io.stratus.profile.entity;

/** Device platforms a device runs and a profile targets. */
public enum Platform {
    WINDOWS, MACOS, IOS, ANDROID
}
