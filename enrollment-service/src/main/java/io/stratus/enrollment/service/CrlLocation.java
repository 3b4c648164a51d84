package io.stratus.enrollment.service;

import java.net.URI;
import java.net.URISyntaxException;

import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.events.CrlPublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a published CRL is downloaded from: ca-service's base URL from configuration
 * ({@code stratus.enrollment.crl-base-url}) and the CRL of the CA that the CrlPublished names. The event only chooses
 * among that CA's CRLs ({@code /pki/<tenant>/<ca>/crl}, or {@code .../crl/<key generation>}); its scheme, host, port
 * and any other path are never fetched.
 */
@ApplicationScoped
public class CrlLocation {

    private final String base;

    public CrlLocation(EnrollmentConfig config) {
        String configured = config.crlBaseUrl().trim();
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The URL to download the event's CRL from; IllegalArgumentException if the event names no CRL of its CA. */
    public String of(CrlPublishedEvent event) {
        String path = pathOf(event.crlUrl());
        String own = "/pki/" + event.tenant() + "/" + event.authorityId() + "/crl";
        int at = path.lastIndexOf(own);
        if (at < 0) {
            throw notThisCasCrl(event);
        }
        String crl = path.substring(at);
        String generation = crl.substring(own.length());
        if (!generation.isEmpty() && !generation.matches("/[1-9][0-9]{0,8}")) {
            throw notThisCasCrl(event);
        }
        return base + crl;
    }

    private static String pathOf(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawPath() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the CRL URL has no path, or has a query or fragment");
            }
            return uri.getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the CRL URL is not a URL");
        }
    }

    private static IllegalArgumentException notThisCasCrl(CrlPublishedEvent event) {
        return new IllegalArgumentException("the CRL URL names no CRL of CA " + event.authorityId());
    }
}
