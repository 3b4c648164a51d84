package io.stratus.platform.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code next} / {@code after} cursor of a keyset-paged list: the sort position of the last row of a page and
 * that row's id, opaque to clients (base64url). The id is the part after the last {@code |}, so it must not contain
 * one; the position may.
 */
public record KeysetCursor(String position, String id) {

    /** The cursor text of this position. */
    public String encode() {
        String text = position + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; HTTP 400 (problem+json) for text this API did not return. */
    public static KeysetCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            if (bar <= 0 || bar == text.length() - 1) {
                throw new IllegalArgumentException("no position or id");
            }
            return new KeysetCursor(text.substring(0, bar), text.substring(bar + 1));
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
    }

    /** The 400 for an {@code after} value that is not a cursor this API returned. */
    public static ProblemException notACursor() {
        return ProblemException.badRequest("after is not a cursor this API returned (use the 'next' value)");
    }
}
