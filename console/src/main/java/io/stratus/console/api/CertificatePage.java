package io.stratus.console.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One keyset page of the inventory; {@code next} starts the following page (null on the last). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificatePage(List<Certificate> items, String next) {
}
