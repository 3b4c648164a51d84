package io.stratus.simulator.rest;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.simulator.entity.DeviceAssignment;

/**
 * One assignment of a device: its state and, while the device holds one, the certificate's serial (hex),
 * subject, SANs ({@code DNS:name}, {@code EMAIL:addr}, {@code UPN:name}, {@code URI:uri}, {@code IP:addr}),
 * EKU OIDs and validity, plus the trusted certificates it installed (store and subject).
 */
public record AssignmentView(String assignmentId, String profileId, String state, String error, String serialNumber,
        String subject, List<String> subjectAlternativeNames, List<String> extendedKeyUsages, Instant notBefore,
        Instant notAfter, Integer renewalThresholdPercent, int renewals, Long enrollMillis,
        List<TrustedView> trustedCertificates, String keyStorageProvider, String hashAlgorithm) {

    /** A trusted certificate as installed: the store and the certificate's subject. */
    public record TrustedView(String store, String subject) {
    }

    static AssignmentView of(DeviceAssignment assignment) {
        X509Certificate certificate = assignment.certificate();
        List<TrustedView> trusted = assignment.trusted().stream()
                .map(t -> new TrustedView(t.store(), SubjectNames.toString(t.certificate().getSubjectX500Principal())))
                .toList();
        Integer threshold = assignment.event() == null ? null : assignment.event().renewalThresholdPercent();
        String keyStorage = assignment.event() == null ? null : assignment.event().keyStorageProvider();
        String hash = assignment.event() == null ? null : assignment.event().hashAlgorithm();
        if (certificate == null) {
            return new AssignmentView(assignment.assignmentId(), assignment.profileId(), assignment.state().name(),
                    assignment.error(), null, null, List.of(), List.of(), null, null, threshold,
                    assignment.renewals(), null, trusted, keyStorage, hash);
        }
        return new AssignmentView(assignment.assignmentId(), assignment.profileId(), assignment.state().name(),
                assignment.error(), Serials.hex(certificate.getSerialNumber()),
                SubjectNames.toString(certificate.getSubjectX500Principal()), sans(certificate), ekus(certificate),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), threshold,
                assignment.renewals(), assignment.enrollMillis(), trusted, keyStorage, hash);
    }

    private static List<String> sans(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            List<String> out = new ArrayList<>();
            if (names == null) {
                return out;
            }
            for (List<?> name : names) {
                out.add(sanType((Integer) name.get(0)) + ":" + (name.get(1) instanceof String ? name.get(1) : "(binary)"));
            }
            return out;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String sanType(int tag) {
        switch (tag) {
            case 0:
                return "UPN";
            case 1:
                return "EMAIL";
            case 2:
                return "DNS";
            case 6:
                return "URI";
            case 7:
                return "IP";
            default:
                return "TYPE" + tag;
        }
    }

    private static List<String> ekus(X509Certificate certificate) {
        try {
            List<String> ekus = certificate.getExtendedKeyUsage();
            return ekus == null ? List.of() : List.copyOf(ekus);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
