package io.stratus.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * Where a PKCS#11 token is and how to log in: the module ({@code library}), the token (exactly one of
 * {@code slot} = slot id, {@code slotListIndex} = index among slots with a token, {@code tokenLabel}; none means
 * slot list index 0) and the user PIN ({@code pin}, or {@code pinEnv} = name of an environment variable that
 * holds it). {@code name} (optional) names the JCA provider.
 *
 * <p>The text form is a properties file:
 * <pre>
 * library = /usr/lib/softhsm/libsofthsm2.so
 * tokenLabel = stratus-ca
 * pinEnv = STRATUS_PKCS11_PIN
 * </pre>
 * Resolving {@code tokenLabel} reads the token list through the JDK's PKCS#11 wrapper, which needs the JVM
 * option {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}; {@code slot} and
 * {@code slotListIndex} need nothing. The PIN never appears in {@link #toString()}.
 */
public final class Pkcs11Config {

    private static final Set<String> KEYS = Set.of("name", "library", "slot", "slotListIndex", "tokenLabel", "pin",
            "pinEnv");

    private final String name;
    private final String library;
    private final Long slot;
    private final Integer slotListIndex;
    private final String tokenLabel;
    private final char[] pin;

    private Pkcs11Config(String name, String library, Long slot, Integer slotListIndex, String tokenLabel,
            char[] pin) {
        if (library == null || library.isBlank()) {
            throw new IllegalArgumentException("PKCS#11 config: library is required");
        }
        int selectors = (slot != null ? 1 : 0) + (slotListIndex != null ? 1 : 0) + (tokenLabel != null ? 1 : 0);
        if (selectors > 1) {
            throw new IllegalArgumentException("PKCS#11 config: give only one of slot, slotListIndex, tokenLabel");
        }
        if (pin == null || pin.length == 0) {
            throw new IllegalArgumentException("PKCS#11 config: pin (or pinEnv) is required");
        }
        this.name = name == null || name.isBlank() ? "token" : name.replaceAll("[^A-Za-z0-9_.-]", "_");
        this.library = library.trim();
        this.slot = slot;
        this.slotListIndex = slotListIndex;
        this.tokenLabel = tokenLabel;
        this.pin = pin.clone();
    }

    /** A token chosen by label. */
    public static Pkcs11Config byTokenLabel(String library, String tokenLabel, char[] pin) {
        return new Pkcs11Config(null, library, null, null, require(tokenLabel, "tokenLabel"), pin);
    }

    /** A token chosen by slot id. */
    public static Pkcs11Config bySlot(String library, long slot, char[] pin) {
        return new Pkcs11Config(null, library, slot, null, null, pin);
    }

    /** A token chosen by its index among the slots that hold a token. */
    public static Pkcs11Config bySlotListIndex(String library, int slotListIndex, char[] pin) {
        return new Pkcs11Config(null, library, null, slotListIndex, null, pin);
    }

    /** Reads the properties form from a file. */
    public static Pkcs11Config load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PKCS#11 config " + file, e);
        }
    }

    /** Parses the properties form (see the class comment); unknown keys are rejected. */
    public static Pkcs11Config parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("PKCS#11 config is not a properties text");
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("PKCS#11 config: unknown key " + key + " (known: " + KEYS + ")");
            }
        }
        String pin = value(properties, "pin");
        String pinEnv = value(properties, "pinEnv");
        if (pin != null && pinEnv != null) {
            throw new IllegalArgumentException("PKCS#11 config: give pin or pinEnv, not both");
        }
        if (pinEnv != null) {
            pin = System.getenv(pinEnv);
            if (pin == null || pin.isEmpty()) {
                throw new IllegalArgumentException("PKCS#11 config: environment variable " + pinEnv + " is not set");
            }
        }
        try {
            String slot = value(properties, "slot");
            String index = value(properties, "slotListIndex");
            return new Pkcs11Config(value(properties, "name"), value(properties, "library"),
                    slot == null ? null : Long.decode(slot), index == null ? null : Integer.valueOf(index),
                    value(properties, "tokenLabel"), pin == null ? null : pin.toCharArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PKCS#11 config: slot and slotListIndex must be numbers");
        }
    }

    /** The same token under another provider name. */
    public Pkcs11Config withName(String newName) {
        return new Pkcs11Config(newName, library, slot, slotListIndex, tokenLabel, pin);
    }

    public String name() {
        return name;
    }

    public String library() {
        return library;
    }

    /** Slot id, or null. */
    public Long slot() {
        return slot;
    }

    /** Index among slots with a token, or null. */
    public Integer slotListIndex() {
        return slotListIndex;
    }

    /** Token label, or null. */
    public String tokenLabel() {
        return tokenLabel;
    }

    /** A copy of the user PIN. */
    public char[] pin() {
        return pin.clone();
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PKCS#11 config: " + what + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        String token = slot != null ? "slot=" + slot
                : tokenLabel != null ? "tokenLabel=" + tokenLabel
                : "slotListIndex=" + (slotListIndex != null ? slotListIndex : 0);
        return "Pkcs11Config[name=" + name + ", library=" + library + ", " + token + ", pin=redacted]";
    }
}
