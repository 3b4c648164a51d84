package io.stratus.ca.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** What an issuing CA's parent must allow: an active root that outlives it and covers its EKUs. */
@ApplicationScoped
public class ParentAuthorityRules {

    /** Throws a 400 problem when {@code parent} cannot sign {@code request}; does nothing for a root. */
    public void check(NewAuthority request, AuthorityEntity parent, Instant notBefore) {
        if (request.kind() == AuthorityKind.ROOT) {
            return;
        }
        if (parent.kind != AuthorityKind.ROOT) {
            throw ProblemException.badRequest("parent CA " + parent.id + " is not a ROOT CA; issuing CAs are signed"
                    + " by a root of the same tenant");
        }
        if (parent.status != AuthorityStatus.ACTIVE) {
            throw ProblemException.badRequest("parent CA " + parent.id + " is " + parent.status + ", not ACTIVE");
        }
        Instant notAfter = CaCertificateFactory.notAfter(notBefore, request.validityYears());
        if (notAfter.isAfter(parent.notAfter)) {
            throw ProblemException.badRequest("validityYears " + request.validityYears() + " would end on " + notAfter
                    + ", after the root CA's notAfter " + parent.notAfter + "; choose a shorter validity");
        }
        List<String> parentEkus = parent.ekuList();
        if (!parentEkus.isEmpty()) {
            List<String> outside = new ArrayList<>(request.extendedKeyUsageOids());
            outside.removeAll(parentEkus);
            if (request.extendedKeyUsageOids().isEmpty() || !outside.isEmpty()) {
                throw ProblemException.badRequest("extendedKeyUsages must be a non-empty subset of the root CA's "
                        + parentEkus + (outside.isEmpty() ? "" : "; not allowed: " + outside));
            }
        }
    }
}
