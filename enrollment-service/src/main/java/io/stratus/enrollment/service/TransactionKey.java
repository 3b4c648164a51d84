package io.stratus.enrollment.service;

/**
 * What identifies a SCEP transaction: the CA it was sent to and the transaction id its client chose. Clients of
 * different CAs (and tenants) choose their ids independently, so an id is unique only within one CA.
 */
public record TransactionKey(String authorityId, String transactionId) {

    /** As announced on the outcome channel: the CA id, one space, the transaction id (a CA id has no space). */
    public String announced() {
        return authorityId + " " + transactionId;
    }

    /** The key of an {@link #announced()} payload, or null if it is not one. */
    public static TransactionKey ofAnnounced(String payload) {
        int space = payload == null ? -1 : payload.indexOf(' ');
        return space <= 0 ? null : new TransactionKey(payload.substring(0, space), payload.substring(space + 1));
    }
}
