package io.stratus.profile.service.rules;

/** What a dynamic group holds: devices (rules on {@code device.*}) or users (rules on {@code user.*}). */
public enum RuleSubject {
    DEVICE, USER
}
