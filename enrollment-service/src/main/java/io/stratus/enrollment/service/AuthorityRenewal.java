package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;

import io.stratus.crypto.Pem;
import io.stratus.events.AuthorityRenewedEvent;
import io.stratus.events.AuthorityRenewedEvent.RenewalPhase;

/**
 * How an AuthorityRenewed event changes the local copy of a CA. Generations only move forward: an
 * announcement older than the current or announced generation, or an activation not newer than the
 * current one, changes nothing (at-least-once delivery, late events). A cancellation withdraws the
 * announcement of exactly its generation.
 */
final class AuthorityRenewal {

    private AuthorityRenewal() {
    }

    /** Null when the event is usable, else what is wrong with it. */
    static String problem(AuthorityRenewedEvent event) {
        if (event.tenant() == null || event.authorityId() == null || event.phase() == null
                || event.certificatePem() == null || event.generation() < 2) {
            return "tenant, CA id, phase, certificate and a generation of at least 2 are required";
        }
        try {
            X509Certificate certificate = Pem.certificate(event.certificatePem());
            if (certificate.getBasicConstraints() < 0) {
                return "the renewed certificate is not a CA certificate";
            }
            if (event.chainPem() != null && !event.chainPem().isBlank()) {
                Pem.certificates(event.chainPem());
            }
        } catch (RuntimeException e) {
            return "unreadable certificate or chain";
        }
        return null;
    }

    /** The CA after the event, or null when the event is not newer than what is known. */
    static Authority apply(Authority known, AuthorityRenewedEvent event) {
        String chain = event.chainPem() == null || event.chainPem().isBlank() ? event.certificatePem()
                : event.chainPem();
        if (event.phase() == RenewalPhase.ANNOUNCED) {
            if (event.generation() <= known.generation()
                    || (known.next() != null && event.generation() <= known.next().generation())) {
                return null;
            }
            return known.announcing(new NextCaCertificate(event.generation(), event.certificatePem(), chain));
        }
        if (event.phase() == RenewalPhase.CANCELLED) {
            boolean withdrawsTheAnnouncement = known.next() != null && known.next().generation() == event.generation();
            return withdrawsTheAnnouncement ? known.announcing(null) : null;
        }
        if (event.generation() <= known.generation()) {
            return null;
        }
        return known.activating(event.generation(), event.certificatePem(), chain);
    }
}
