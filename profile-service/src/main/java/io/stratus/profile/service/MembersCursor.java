package io.stratus.profile.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.stratus.platform.rest.KeysetCursor;

/**
 * Where each of a group's three member lists (device members, user members, devices in scope) stands after a page:
 * the last id returned, or null while the list has returned nothing. One opaque cursor for the three, carried in a
 * {@link KeysetCursor} whose parts hold base64url ids (so they contain neither {@code |} nor {@code .}).
 */
record MembersCursor(String afterDevice, String afterUser, String afterInScope) {

    static final MembersCursor START = new MembersCursor(null, null, null);

    String encode() {
        return new KeysetCursor("p" + part(afterDevice) + "." + part(afterUser), "s" + part(afterInScope)).encode();
    }

    /** The positions a cursor names (START for null or blank); HTTP 400 for text this API did not return. */
    static MembersCursor decode(String after) {
        if (after == null || after.isBlank()) {
            return START;
        }
        KeysetCursor cursor = KeysetCursor.decode(after);
        String[] members = cursor.position().split("\\.", -1);
        if (members.length != 2 || !members[0].startsWith("p") || !cursor.id().startsWith("s")) {
            throw KeysetCursor.notACursor();
        }
        return new MembersCursor(id(members[0].substring(1)), id(members[1]), id(cursor.id().substring(1)));
    }

    private static String part(String id) {
        return id == null ? "" : Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(String part) {
        if (part.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KeysetCursor.notACursor();
        }
    }
}
