package io.stratus.console.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A group of devices as profile-service lists it: STATIC (members added) or DYNAMIC (a membership rule). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Group(String id, String name, String membershipType, String membershipRule) {
}
