package io.stratus.events;

/**
 * The data of a Stratus event. Every event belongs to a tenant and names the Kafka key that keeps
 * related events ordered (a device id for device-scoped topics, a CA id for authority events).
 */
public sealed interface StratusEvent permits AuthorityCreatedEvent, AuthorityStatusChangedEvent, AuthorityRenewedEvent, CrlPublishedEvent,
        ProfileAssignedEvent, ProfileUnassignedEvent, CertificateRequestedEvent, CertificateIssuedEvent,
        CertificateRejectedEvent, CertificateRevokedEvent, CertificateRenewalDueEvent, CertificateExpiredEvent,
        AuditRecordedEvent {

    String tenant();

    /** The Kafka record key. */
    String key();
}
