package io.stratus.ca.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.stratus.ca.mapping.ExtendedKeyUsageNames;
import io.stratus.ca.rest.dto.CreateAuthorityRequest;
import io.stratus.ca.rest.dto.SubjectRequest;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.AuthorityKind;
import io.stratus.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a CA creation request on its own (no database); every problem becomes a 400 with a clear detail. */
@ApplicationScoped
public class AuthorityRequestValidator {

    public static final List<Integer> ROOT_VALIDITY_YEARS = List.of(5, 10, 15, 20, 25);
    public static final List<Integer> ISSUING_VALIDITY_YEARS = List.of(2, 4, 6, 8, 10);

    /** Tenants appear in URLs written into certificates, so they stay URL-safe. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final int MAX_DISPLAY_NAME = 200;
    /** X.520 upper bounds. */
    private static final int MAX_COMMON_NAME = 64;
    private static final int MAX_ORGANIZATION = 64;
    private static final int MAX_LOCALITY = 128;

    public NewAuthority validate(String tenant, CreateAuthorityRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required");
        }
        String checkedTenant = tenant(tenant);
        AuthorityKind kind = kind(request.kind());
        boolean external = Boolean.TRUE.equals(request.external());
        if (external) {
            return external(checkedTenant, kind, request);
        }
        String parentId = parent(kind, request.parentId());
        String subjectDn = subject(request.subject());
        int years = validityYears(kind, request.validityYears());
        KeyAlgorithm algorithm = keyAlgorithm(request.keyAlgorithm());
        List<String> ekus = extendedKeyUsages(request.extendedKeyUsages());
        String displayName = displayName(request.displayName(), request.subject().commonName());
        return new NewAuthority(checkedTenant, displayName, kind, parentId, subjectDn, years, algorithm, ekus, false);
    }

    private static NewAuthority external(String tenant, AuthorityKind kind, CreateAuthorityRequest request) {
        if (kind != AuthorityKind.ISSUING) {
            throw ProblemException.badRequest("only an ISSUING CA can be external (signed by your own root)");
        }
        if (request.parentId() != null && !request.parentId().isBlank()) {
            throw ProblemException.badRequest("an external CA has no parentId: its root is outside Stratus");
        }
        String subjectDn = subject(request.subject());
        KeyAlgorithm algorithm = keyAlgorithm(request.keyAlgorithm());
        List<String> ekus = extendedKeyUsages(request.extendedKeyUsages());
        String displayName = displayName(request.displayName(), request.subject().commonName());
        return new NewAuthority(tenant, displayName, kind, null, subjectDn, 0, algorithm, ekus, true);
    }

    static String tenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw ProblemException.badRequest(
                    "tenant must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return tenant;
    }

    private static AuthorityKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw ProblemException.badRequest("kind is required: ROOT or ISSUING");
        }
        try {
            return AuthorityKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind must be ROOT or ISSUING");
        }
    }

    private static String parent(AuthorityKind kind, String parentId) {
        boolean present = parentId != null && !parentId.isBlank();
        if (kind == AuthorityKind.ROOT && present) {
            throw ProblemException.badRequest("a ROOT CA has no parentId");
        }
        if (kind == AuthorityKind.ISSUING && !present) {
            throw ProblemException.badRequest("an ISSUING CA needs parentId: the id of a root CA of this tenant");
        }
        return present ? parentId.trim() : null;
    }

    private static String subject(SubjectRequest subject) {
        if (subject == null) {
            throw ProblemException.badRequest("subject is required, with at least subject.commonName");
        }
        String cn = required(subject.commonName(), "subject.commonName");
        limit(cn, MAX_COMMON_NAME, "subject.commonName");
        limit(subject.organization(), MAX_ORGANIZATION, "subject.organization");
        limit(subject.organizationalUnit(), MAX_ORGANIZATION, "subject.organizationalUnit");
        limit(subject.locality(), MAX_LOCALITY, "subject.locality");
        limit(subject.state(), MAX_LOCALITY, "subject.state");
        String country = subject.country();
        if (country != null && !country.isBlank() && !COUNTRY.matcher(country.trim()).matches()) {
            throw ProblemException.badRequest("subject.country must be a two-letter ISO 3166 code such as US");
        }
        try {
            return SubjectNames.dn(cn, subject.organization(), subject.organizationalUnit(), subject.locality(),
                    subject.state(), country);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("subject is not a valid distinguished name: " + e.getMessage());
        }
    }

    private static int validityYears(AuthorityKind kind, Integer years) {
        List<Integer> allowed = kind == AuthorityKind.ROOT ? ROOT_VALIDITY_YEARS : ISSUING_VALIDITY_YEARS;
        if (years == null || !allowed.contains(years)) {
            throw ProblemException.badRequest("validityYears of a " + kind + " CA must be one of "
                    + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return years;
    }

    private static KeyAlgorithm keyAlgorithm(String name) {
        String allowed = Arrays.stream(KeyAlgorithm.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest("keyAlgorithm is required: one of " + allowed);
        }
        try {
            return KeyAlgorithm.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown keyAlgorithm; use one of " + allowed);
        }
    }

    private static List<String> extendedKeyUsages(List<String> values) {
        try {
            return ExtendedKeyUsageNames.oids(values);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("extendedKeyUsages: " + e.getMessage());
        }
    }

    private static String displayName(String displayName, String commonName) {
        String name = displayName == null || displayName.isBlank() ? commonName.trim() : displayName.trim();
        limit(name, MAX_DISPLAY_NAME, "displayName");
        return name;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required");
        }
        return value.trim();
    }

    private static void limit(String value, int max, String field) {
        if (value != null && value.trim().length() > max) {
            throw ProblemException.badRequest(field + " is longer than " + max + " characters");
        }
    }
}
