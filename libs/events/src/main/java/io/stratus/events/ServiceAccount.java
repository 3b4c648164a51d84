package io.stratus.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * The Kafka principal of each Stratus process and what it may do on the bus: the one rule set behind the broker's
 * ACLs, wherever the broker runs (the local stack, the tests, Kubernetes). A service writes only the topics it owns
 * and the dead-letter topics of what it consumes, reads only what it consumes (and, without a consumer group, what it
 * reads back of its own: the audit topic, the checkpoints its audit verification compares with; every service that
 * keeps an audit log publishes it there, each under its own seal), and joins only
 * its own consumer group (the simulator's groups share a prefix, one per instance).
 */
public enum ServiceAccount {
    CA_SERVICE("ca-service", List.of(Topics.AUTHORITIES, Topics.CERTIFICATES, Topics.AUDIT),
            List.of(Topics.ENROLLMENT_REQUESTS, Topics.ASSIGNMENTS), List.of(Topics.AUDIT), false),
    ENROLLMENT_SERVICE("enrollment-service", List.of(Topics.ENROLLMENT_REQUESTS, Topics.AUDIT),
            List.of(Topics.AUTHORITIES, Topics.ASSIGNMENTS, Topics.CERTIFICATES), List.of(Topics.AUDIT), false),
    PROFILE_SERVICE("profile-service", List.of(Topics.ASSIGNMENTS, Topics.AUDIT),
            List.of(Topics.CERTIFICATES, Topics.AUTHORITIES), List.of(Topics.AUDIT), false),
    DEVICE_SIMULATOR("device-simulator", List.of(), List.of(Topics.ASSIGNMENTS, Topics.CERTIFICATES), List.of(), true);

    private final String principal;
    private final List<String> owns;
    private final List<String> consumes;
    private final List<String> readsBack;
    private final boolean groupPerInstance;

    ServiceAccount(String principal, List<String> owns, List<String> consumes, List<String> readsBack,
            boolean groupPerInstance) {
        this.principal = principal;
        this.owns = owns;
        this.consumes = consumes;
        this.readsBack = readsBack;
        this.groupPerInstance = groupPerInstance;
    }

    /** The user name it authenticates as ({@code User:<principal>} in ACLs); also its consumer group (or group prefix). */
    public String principal() {
        return principal;
    }

    /** The topics it publishes its own events to. */
    public List<String> owns() {
        return owns;
    }

    /** The topics it consumes. */
    public List<String> consumes() {
        return consumes;
    }

    /** Every topic it may read: what it consumes, and what it reads back of its own without a consumer group. */
    public List<String> reads() {
        return Stream.concat(consumes.stream(), readsBack.stream()).toList();
    }

    /** Every topic it may write: its own, and the dead-letter topic of each topic it consumes. */
    public List<String> writes() {
        return Stream.concat(owns.stream(), consumes.stream().map(Topics::deadLetter)).toList();
    }

    /**
     * Whether each instance has a consumer group of its own named {@code <principal>-<instance>} (the simulator's
     * instances each see every event); otherwise all replicas share the group {@code <principal>}.
     */
    public boolean groupPerInstance() {
        return groupPerInstance;
    }
}
