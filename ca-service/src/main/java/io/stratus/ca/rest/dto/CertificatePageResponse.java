package io.stratus.ca.rest.dto;

import java.util.List;

/** One page of the inventory; pass {@code next} as {@code after} for the following page (null: no more). */
public record CertificatePageResponse(List<CertificateResponse> items, String next) {
}
