package io.stratus.enrollment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.stratus.events.EventCodec;
import io.stratus.events.IssuancePolicy;

/** The expected issuance policy of a challenge, stored as JSON in the shape the events use. */
public final class PolicyJson {

    private PolicyJson() {
    }

    public static String write(IssuancePolicy policy) {
        try {
            return EventCodec.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an issuance policy", e);
        }
    }

    public static IssuancePolicy read(String json) {
        try {
            return EventCodec.mapper().readValue(json, IssuancePolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored issuance policy is not valid JSON", e);
        }
    }
}
