package io.stratus.events;

import java.util.Arrays;

/** CloudEvents {@code type} of each event, the class of its data and the topic it travels on. */
public enum EventType {
    AUTHORITY_CREATED("io.stratus.authority.created", AuthorityCreatedEvent.class, Topics.AUTHORITIES),
    AUTHORITY_STATUS_CHANGED("io.stratus.authority.status-changed", AuthorityStatusChangedEvent.class, Topics.AUTHORITIES),
    AUTHORITY_RENEWED("io.stratus.authority.renewed", AuthorityRenewedEvent.class, Topics.AUTHORITIES),
    CRL_PUBLISHED("io.stratus.authority.crl-published", CrlPublishedEvent.class, Topics.AUTHORITIES),
    PROFILE_ASSIGNED("io.stratus.profile.assigned", ProfileAssignedEvent.class, Topics.ASSIGNMENTS),
    PROFILE_UNASSIGNED("io.stratus.profile.unassigned", ProfileUnassignedEvent.class, Topics.ASSIGNMENTS),
    CERTIFICATE_REQUESTED("io.stratus.certificate.requested", CertificateRequestedEvent.class, Topics.ENROLLMENT_REQUESTS),
    CERTIFICATE_ISSUED("io.stratus.certificate.issued", CertificateIssuedEvent.class, Topics.CERTIFICATES),
    CERTIFICATE_REJECTED("io.stratus.certificate.rejected", CertificateRejectedEvent.class, Topics.CERTIFICATES),
    CERTIFICATE_REVOKED("io.stratus.certificate.revoked", CertificateRevokedEvent.class, Topics.CERTIFICATES),
    CERTIFICATE_RENEWAL_DUE("io.stratus.certificate.renewal-due", CertificateRenewalDueEvent.class, Topics.CERTIFICATES),
    CERTIFICATE_EXPIRED("io.stratus.certificate.expired", CertificateExpiredEvent.class, Topics.CERTIFICATES),
    AUDIT_RECORDED("io.stratus.audit.recorded", AuditRecordedEvent.class, Topics.AUDIT);

    private final String cloudEventType;
    private final Class<? extends StratusEvent> dataClass;
    private final String topic;

    EventType(String cloudEventType, Class<? extends StratusEvent> dataClass, String topic) {
        this.cloudEventType = cloudEventType;
        this.dataClass = dataClass;
        this.topic = topic;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    public Class<? extends StratusEvent> dataClass() {
        return dataClass;
    }

    public String topic() {
        return topic;
    }

    public static EventType of(StratusEvent data) {
        return Arrays.stream(values()).filter(t -> t.dataClass == data.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unregistered event " + data.getClass()));
    }

    public static EventType ofCloudEventType(String type) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType.equals(type)).findFirst()
                .orElseThrow(() -> new UnknownEventTypeException(type));
    }

    /** Thrown for a CloudEvents type this version does not know; consumers skip or dead-letter it. */
    public static final class UnknownEventTypeException extends IllegalArgumentException {
        public UnknownEventTypeException(String type) {
            super("unknown event type: " + type);
        }
    }
}
