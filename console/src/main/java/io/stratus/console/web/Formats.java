package io.stratus.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How pages write values: {@code {ca.notAfter.utc}} gives {@code 2046-12-07 23:04 UTC}. */
@TemplateExtension
public final class Formats {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A rate or a latency: one decimal below 100, none above. */
    static String fixed(Double value) {
        if (value == null) {
            return "";
        }
        return value >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
