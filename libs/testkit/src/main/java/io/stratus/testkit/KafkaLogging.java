package io.stratus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the in-process broker's and embedded PostgreSQL's INFO chatter down to WARN (JUL / JBoss LogManager and slf4j-simple),
 * unless {@code -Dstratus.kafka.verbose=true}.
 */
final class KafkaLogging {
    private static final String[] CATEGORIES = {"kafka", "org.apache.kafka", "state.change.logger", "io.zonky.test.db.postgres"};
    /** Strong references: JUL forgets levels of loggers that are garbage collected. */
    private static final List<Logger> PINNED = new ArrayList<>();

    private KafkaLogging() {
    }

    static synchronized void quiet() {
        if (Boolean.getBoolean("stratus.kafka.verbose") || !PINNED.isEmpty()) {
            return;
        }
        for (String c : CATEGORIES) {
            Logger l = Logger.getLogger(c);
            l.setLevel(Level.WARNING);
            PINNED.add(l);
            System.setProperty("org.slf4j.simpleLogger.log." + c, System.getProperty("org.slf4j.simpleLogger.log." + c, "warn"));
        }
    }
}
