package io.stratus.cli;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Short unique names for the groups and profiles one demo or bench run creates. */
final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    static String next() {
        return LocalDateTime.now().format(FORMAT) + "-" + Integer.toHexString(0x1000 + RANDOM.nextInt(0xf000));
    }
}
