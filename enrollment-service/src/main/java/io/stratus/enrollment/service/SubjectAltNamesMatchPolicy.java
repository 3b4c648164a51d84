package io.stratus.enrollment.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.San;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.SubjectAltName;

/** The CSR carries exactly the policy's subject alternative names (DNS names compare case-insensitively). */
public final class SubjectAltNamesMatchPolicy implements CsrCheck {

    @Override
    public String violation(ParsedCsr csr, IssuancePolicy policy) {
        List<String> requested = new ArrayList<>();
        for (San san : csr.subjectAltNames()) {
            requested.add(key(san.type().name(), san.value()));
        }
        List<String> expected = new ArrayList<>();
        if (policy.subjectAltNames() != null) {
            for (SubjectAltName san : policy.subjectAltNames()) {
                expected.add(key(san.type().name(), san.value()));
            }
        }
        Collections.sort(requested);
        Collections.sort(expected);
        return requested.equals(expected) ? null : "subject alternative names do not match the profile";
    }

    private static String key(String type, String value) {
        String v = value == null ? "" : value.trim();
        return type + ":" + ("DNS".equals(type) ? v.toLowerCase(Locale.ROOT) : v);
    }
}
