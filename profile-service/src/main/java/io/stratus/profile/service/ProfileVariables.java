package io.stratus.profile.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Device;

/**
 * The variables a profile's subject name and SAN templates may use ({@code {{DeviceName}}} ...), their
 * validation and their resolution for a device.
 */
public final class ProfileVariables {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^{}]*)\\}\\}");
    private static final Map<String, Function<Device, String>> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("DeviceId", device -> device.id);
        VARIABLES.put("AAD_Device_ID", device -> device.id);
        VARIABLES.put("DeviceName", device -> device.name);
        VARIABLES.put("SerialNumber", device -> device.serialNumber);
    }

    private ProfileVariables() {
    }

    /** {@code {{DeviceId}}, {{AAD_Device_ID}}, ...} for error messages. */
    public static String known() {
        return String.join(", ", VARIABLES.keySet().stream().map(name -> "{{" + name + "}}").toList());
    }

    /** Refuses (400) a template with an unknown or unterminated variable. */
    public static void validate(String template, String field) {
        Matcher matcher = TOKEN.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (!VARIABLES.containsKey(name)) {
                throw ProblemException.badRequest(field + " uses the unknown variable {{" + matcher.group(1)
                        + "}}; known variables are " + known());
            }
        }
        String rest = TOKEN.matcher(template).replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            throw ProblemException.badRequest(field + " has an unterminated variable; write variables as "
                    + "{{DeviceName}}");
        }
    }

    /** The template with every variable replaced by {@code sample} (to check the template's shape). */
    public static String sample(String template, String sample) {
        return TOKEN.matcher(template).replaceAll(Matcher.quoteReplacement(sample));
    }

    /**
     * The template with the device's values, each passed through {@code escape}.
     *
     * @throws ProfileResolutionException when the device has no value for a variable
     */
    public static String resolve(String template, Device device, UnaryOperator<String> escape, String field) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            Function<Device, String> attribute = VARIABLES.get(name);
            if (attribute == null) {
                throw new ProfileResolutionException(field + " uses the unknown variable {{" + name + "}}");
            }
            String value = attribute.apply(device);
            if (value == null || value.isBlank()) {
                throw new ProfileResolutionException("device has no " + name + ", needed by " + field);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value.trim())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** RFC 4514 escaping of an attribute value placed inside a distinguished name. */
    public static String escapeDnValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = ",+\"\\<>;=".indexOf(c) >= 0;
            boolean leading = i == 0 && (c == '#' || c == ' ');
            boolean trailing = i == value.length() - 1 && c == ' ';
            if (special || leading || trailing) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
