package io.stratus.profile.entity;

import io.stratus.events.SubjectAltName;

/** A subject alternative name of a SCEP profile; its value may hold variables such as {@code {{DeviceName}}}. */
public record SanTemplate(SubjectAltName.Type type, String value) {
}
