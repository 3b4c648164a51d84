package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.stratus.platform.rest.ProblemException;

/** Request validation that answers 400 problem+json with a detail naming the field and the rule. */
public final class Require {

    /** Ids chosen by clients (device ids): letters, digits and {@code . _ : -}, at most 128 characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int MAX_TEXT = 256;

    private Require() {
    }

    public static <T> T body(T body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        return body;
    }

    /** A non-blank single-line text of at most 256 characters, trimmed. */
    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw ProblemException.badRequest(field + " is longer than " + MAX_TEXT + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(field + " contains control characters");
        }
        return trimmed;
    }

    /** Like {@link #text} but null or blank is allowed (and gives null). */
    public static String optionalText(String value, String field) {
        return value == null || value.isBlank() ? null : text(value, field);
    }

    public static String clientId(String value, String field) {
        String id = value.trim();
        if (!CLIENT_ID.matcher(id).matches()) {
            throw ProblemException.badRequest(field + " must be 1 to 128 letters, digits or . _ : - (starting with a"
                    + " letter or digit)");
        }
        return id;
    }

    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required (one of " + allowed + ")");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + " must be one of " + allowed + ", not '" + value.trim() + "'");
        }
    }

    public static int number(Integer value, String field) {
        if (value == null) {
            throw ProblemException.badRequest(field + " is required");
        }
        return value;
    }

    /** Ids in a list: non-blank, duplicates removed, order kept; null gives an empty list. */
    public static List<String> ids(List<String> values, String field, int max) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            throw ProblemException.badRequest(field + " has more than " + max + " entries");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                throw ProblemException.badRequest(field + "[" + i + "] is empty");
            }
            ids.add(value.trim());
        }
        return new ArrayList<>(ids);
    }

    public static List<String> nonEmptyIds(List<String> values, String field, int max) {
        List<String> ids = ids(values, field, max);
        if (ids.isEmpty()) {
            throw ProblemException.badRequest(field + " must name at least one id");
        }
        return ids;
    }
}
