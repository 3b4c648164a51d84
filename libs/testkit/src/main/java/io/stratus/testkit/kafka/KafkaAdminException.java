package io.stratus.testkit.kafka;

/** Kafka's Admin API refused, failed or did not answer in time; the message says which. */
public final class KafkaAdminException extends RuntimeException {

    public KafkaAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
