package io.stratus.cli;

/** A failure with a message for the user (no stack trace). */
final class StackException extends RuntimeException {
    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
