package io.stratus.events;

import java.util.List;

/** Kafka topic names. Versioned in the name: {@code stratus.<name>.v1}. */
public final class Topics {
    /** Authority events, keyed by CA id. */
    public static final String AUTHORITIES = "stratus.authorities.v1";
    /** Profile assignments (with sealed challenges), keyed by device id. */
    public static final String ASSIGNMENTS = "stratus.assignments.v1";
    /** Certificate signing requests relayed to the CA, keyed by device id. */
    public static final String ENROLLMENT_REQUESTS = "stratus.enrollment.requests.v1";
    /** Certificate outcomes (issued, rejected, revoked, renewal due), keyed by device id. */
    public static final String CERTIFICATES = "stratus.certificates.v1";
    /** Audit records, keyed by tenant. */
    public static final String AUDIT = "stratus.audit.v1";

    public static final List<String> ALL = List.of(AUTHORITIES, ASSIGNMENTS, ENROLLMENT_REQUESTS, CERTIFICATES, AUDIT);

    private Topics() {
    }

    /** The dead-letter topic of a topic: {@code stratus.<name>.dlq.v1}. */
    public static String deadLetter(String topic) {
        if (!topic.startsWith("stratus.") || !topic.endsWith(".v1")) {
            throw new IllegalArgumentException("not a Stratus topic: " + topic);
        }
        return topic.substring(0, topic.length() - ".v1".length()) + ".dlq.v1";
    }

    /** Every topic and its dead-letter topic, for provisioning. */
    public static List<String> allWithDeadLetters() {
        return ALL.stream().flatMap(t -> java.util.stream.Stream.of(t, deadLetter(t))).toList();
    }
}
