package io.stratus.profile.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import io.stratus.events.SubjectAltName;

/** Shape checks of resolved subject alternative name values. */
final class SanValues {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern MAILBOX = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private SanValues() {
    }

    /** Why {@code value} is not a valid SAN of {@code type}, or null when it is. */
    static String problem(SubjectAltName.Type type, String value) {
        switch (type) {
            case DNS:
                return HOST_NAME.matcher(value).matches() ? null : "'" + value + "' is not a valid DNS host name";
            case EMAIL:
                return MAILBOX.matcher(value).matches() ? null : "'" + value + "' is not an e-mail address";
            case UPN:
                return MAILBOX.matcher(value).matches() ? null : "'" + value + "' is not a user principal name";
            case URI:
                return isAbsoluteUri(value) ? null : "'" + value + "' is not an absolute URI";
            default:
                return "unsupported SAN type " + type;
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
