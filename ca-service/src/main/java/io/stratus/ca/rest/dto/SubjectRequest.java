package io.stratus.ca.rest.dto;

/** The subject of a new CA; commonName is required, country is a two-letter ISO 3166 code. */
public record SubjectRequest(String commonName, String organization, String organizationalUnit, String locality,
        String state, String country) {
}
