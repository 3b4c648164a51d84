package io.stratus.profile.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/**
 * The variables a profile's subject name and SAN templates may use ({@code {{DeviceName}}} ...), their
 * validation and their resolution for a device.
 */
public final class ProfileVariables {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^{}]*)\\}\\}");
    private static final Map<String, Function<Device, String>> DEVICE_VARIABLES = new LinkedHashMap<>();
    private static final Map<String, Function<AppUser, String>> USER_VARIABLES = new LinkedHashMap<>();
    private static final String FQDN = "FullyQualifiedDomainName";
    /** Sample values of the variables whose values have a shape (a mailbox), to check templates with. */
    private static final Map<String, String> SAMPLES = Map.of(
            "UserPrincipalName", "user1@example.com",
            "EmailAddress", "user1@example.com",
            FQDN, "device1.example.com");

    static {
        DEVICE_VARIABLES.put("AAD_Device_ID", device -> device.id);
        DEVICE_VARIABLES.put("DeviceId", device -> device.id);
        DEVICE_VARIABLES.put("DeviceName", device -> device.name);
        DEVICE_VARIABLES.put("SerialNumber", device -> device.serialNumber);
        DEVICE_VARIABLES.put("IMEI", device -> device.imei);
        DEVICE_VARIABLES.put("WiFiMacAddress", device -> device.wifiMacAddress);
        DEVICE_VARIABLES.put(FQDN, device -> null); // resolved with the configured domain, see value()
        USER_VARIABLES.put("UserPrincipalName", user -> user.upn);
        USER_VARIABLES.put("EmailAddress", user -> user.email);
        USER_VARIABLES.put("UserName", user -> user.upn == null ? null : user.upn.split("@", 2)[0]);
        USER_VARIABLES.put("GivenName", user -> user.givenName);
        USER_VARIABLES.put("SurName", user -> user.surname);
        USER_VARIABLES.put("OnPrem_Distinguished_Name", user -> user.onPremDistinguishedName);
        USER_VARIABLES.put("OnPremisesSamAccountName", user -> user.samAccountName);
    }

    private ProfileVariables() {
    }

    /** {@code {{DeviceId}}, {{AAD_Device_ID}}, ...} for error messages. */
    public static String known() {
        return String.join(", ", java.util.stream.Stream.concat(DEVICE_VARIABLES.keySet().stream(),
                USER_VARIABLES.keySet().stream()).map(name -> "{{" + name + "}}").toList());
    }

    /** Whether {@code template} uses a user variable ({{UserPrincipalName}} ...). */
    public static boolean usesUserVariables(String template) {
        Matcher matcher = TOKEN.matcher(template);
        while (matcher.find()) {
            if (USER_VARIABLES.containsKey(matcher.group(1).trim())) {
                return true;
            }
        }
        return false;
    }

    /** Refuses (400) a template with an unknown or unterminated variable. */
    public static void validate(String template, String field) {
        Matcher matcher = TOKEN.matcher(template);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (!DEVICE_VARIABLES.containsKey(name) && !USER_VARIABLES.containsKey(name)) {
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
        return TOKEN.matcher(template).replaceAll(match -> Matcher.quoteReplacement(
                SAMPLES.getOrDefault(match.group(1).trim(), sample)));
    }

    /**
     * The template with the device's (and its primary user's) values, each passed through {@code escape}.
     *
     * @throws ProfileResolutionException when the device or user has no value for a variable
     */
    public static String resolve(String template, VariableSource source, UnaryOperator<String> escape,
            String field) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value = value(name, source, field);
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value.trim())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String value(String name, VariableSource source, String field) {
        String value;
        if (USER_VARIABLES.containsKey(name)) {
            if (source.user() == null) {
                throw new ProfileResolutionException("device has no primary user, whose " + name + " is needed by "
                        + field);
            }
            value = USER_VARIABLES.get(name).apply(source.user());
            if (value == null || value.isBlank()) {
                throw new ProfileResolutionException("user " + source.user().upn + " has no " + name
                        + ", needed by " + field);
            }
            return value;
        }
        Function<Device, String> attribute = DEVICE_VARIABLES.get(name);
        if (attribute == null) {
            throw new ProfileResolutionException(field + " uses the unknown variable {{" + name + "}}");
        }
        value = name.equals(FQDN) ? fullyQualified(source) : attribute.apply(source.device());
        if (value == null || value.isBlank()) {
            throw new ProfileResolutionException("device has no " + name + ", needed by " + field
                    + (name.equals(FQDN) ? " (its name has no domain and stratus.profile.device-domain is not set)"
                            : ""));
        }
        return value;
    }

    private static String fullyQualified(VariableSource source) {
        String name = source.device().name == null ? null : source.device().name.trim();
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.contains(".")) {
            return name;
        }
        return source.deviceDomain() == null || source.deviceDomain().isBlank() ? null
                : name + "." + source.deviceDomain().trim();
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
