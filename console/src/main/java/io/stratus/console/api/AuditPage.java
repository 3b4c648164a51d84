package io.stratus.console.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of a service's audit log for a tenant; {@code next} is the sequence the following page starts after. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditPage(List<Entry> items, Long next) {

    /** One record of the hash chain. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(long sequence, String actor, String action, String target, String outcome, Instant at,
            String hash) {
    }
}
