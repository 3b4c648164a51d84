package io.stratus.profile.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.stratus.crypto.SubjectNames;
import io.stratus.events.SubjectAltName;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.CertificateType;
import io.stratus.profile.entity.HashAlgorithm;
import io.stratus.profile.entity.KeyStorageProvider;
import io.stratus.profile.entity.Platform;
import io.stratus.profile.entity.SanTemplate;
import io.stratus.profile.entity.SanTemplates;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.rest.dto.SanRequest;
import io.stratus.profile.rest.dto.ScepProfileCreation;

/** Checks a SCEP profile request field by field and builds the profile (without id and tenant). */
final class ScepProfileValidator {

    private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9}))+");
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int MAX_SANS = 20;
    private static final int MAX_LIST = 20;
    private static final int MAX_TEMPLATE = 1024;
    /** Sample variable value used to check that a template makes a valid name once resolved. */
    private static final String SAMPLE_VALUE = "device1";
    /** Key usages a device certificate may carry, by lower-case name, with their RFC 5280 spelling. */
    private static final Map<String, String> LEAF_KEY_USAGES = Map.of(
            "digitalsignature", "digitalSignature",
            "nonrepudiation", "nonRepudiation",
            "contentcommitment", "nonRepudiation",
            "keyencipherment", "keyEncipherment",
            "dataencipherment", "dataEncipherment",
            "keyagreement", "keyAgreement");

    private ScepProfileValidator() {
    }

    /** The largest validityMinutes: from a day on, validityDays says it. */
    static final int MAX_VALIDITY_MINUTES = 1439;

    static ScepProfile validated(ScepProfileCreation request, boolean shortValidityAllowed) {
        ScepProfile profile = new ScepProfile();
        profile.name = Require.text(request.name(), "name");
        profile.platform = Require.oneOf(Platform.class, request.platform(), "platform");
        profile.certificateType = Require.oneOf(CertificateType.class, request.certificateType(), "certificateType");
        profile.authorityId = Require.text(request.authorityId(), "authorityId");
        profile.scepUrl = scepUrl(request.scepUrl());
        profile.subjectNameFormat = subjectNameFormat(request.subjectNameFormat());
        profile.sans = new SanTemplates(sans(request.subjectAlternativeNames()));
        profile.validityMinutes = validityMinutes(request.validityMinutes(), shortValidityAllowed);
        profile.validityDays = profile.validityMinutes != null && request.validityDays() == null ? 1
                : validityDays(request.validityDays());
        profile.keyAlgorithm = keyAlgorithm(request.keyAlgorithm());
        profile.keySize = keySize(profile.keyAlgorithm, request.keySize());
        profile.keyUsages = keyUsages(request.keyUsages(), profile.keyAlgorithm);
        profile.ekus = extendedKeyUsages(request.extendedKeyUsages());
        profile.renewalThresholdPercent = renewalThreshold(request.renewalThresholdPercent());
        profile.trustedProfileIds = Require.ids(request.trustedProfileIds(), "trustedProfileIds", MAX_LIST);
        profile.keyStorageProvider = keyStorageProvider(profile.platform, request.keyStorageProvider());
        profile.hashAlgorithm = hashAlgorithm(request.hashAlgorithm());
        profile.revokeOnUnassignment = Boolean.TRUE.equals(request.revokeOnUnassignment());
        profile.revokeOnRenewal = Boolean.TRUE.equals(request.revokeOnRenewal());
        return profile;
    }

    private static String scepUrl(String value) {
        String url = Require.text(value, "scepUrl");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ProblemException.badRequest("scepUrl must be an absolute http(s) URL, not '" + url + "'");
    }

    private static String subjectNameFormat(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("subjectNameFormat is required, e.g. CN={{DeviceName}},O=Contoso");
        }
        String format = value.trim();
        if (format.length() > MAX_TEMPLATE) {
            throw ProblemException.badRequest("subjectNameFormat is longer than " + MAX_TEMPLATE + " characters");
        }
        ProfileVariables.validate(format, "subjectNameFormat");
        try {
            if (SubjectNames.parse(ProfileVariables.sample(format, SAMPLE_VALUE)).getRDNs().length == 0) {
                throw new IllegalArgumentException("empty");
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("subjectNameFormat '" + format
                    + "' is not a distinguished name such as CN={{DeviceName}},O=Contoso");
        }
        return format;
    }

    private static List<SanTemplate> sans(List<SanRequest> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_SANS) {
            throw ProblemException.badRequest("subjectAlternativeNames has more than " + MAX_SANS + " entries");
        }
        List<SanTemplate> sans = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String field = "subjectAlternativeNames[" + i + "]";
            SanRequest san = requested.get(i);
            if (san == null) {
                throw ProblemException.badRequest(field + " is empty");
            }
            SubjectAltName.Type type = Require.oneOf(SubjectAltName.Type.class, san.type(), field + ".type");
            String value = Require.text(san.value(), field + ".value");
            ProfileVariables.validate(value, field + ".value");
            String problem = SanValues.problem(type, ProfileVariables.sample(value, SAMPLE_VALUE));
            if (problem != null) {
                throw ProblemException.badRequest(field + ".value '" + value + "' cannot make a valid " + type
                        + " name: " + problem);
            }
            sans.add(new SanTemplate(type, value));
        }
        return sans;
    }

    private static int validityDays(Integer value) {
        int days = Require.number(value, "validityDays");
        if (days <= 0) {
            throw ProblemException.badRequest("validityDays must be greater than 0, not " + days);
        }
        return days;
    }

    private static Integer validityMinutes(Integer minutes, boolean allowed) {
        if (minutes == null) {
            return null;
        }
        if (!allowed) {
            throw ProblemException.badRequest("validityMinutes is refused by this deployment: short validities are"
                    + " for demos and tests (stratus.profile.short-validity-allowed=true), not for production");
        }
        if (minutes < 1 || minutes > MAX_VALIDITY_MINUTES) {
            throw ProblemException.badRequest("validityMinutes must be between 1 and " + MAX_VALIDITY_MINUTES
                    + " (use validityDays beyond), not " + minutes);
        }
        return minutes;
    }

    private static String keyAlgorithm(String value) {
        String algorithm = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw ProblemException.badRequest("keyAlgorithm must be RSA or EC"
                    + (value == null ? "" : ", not '" + value.trim() + "'"));
        }
        return algorithm;
    }

    private static int keySize(String algorithm, Integer value) {
        int size = Require.number(value, "keySize");
        if (algorithm.equals("RSA") && size < 2048) {
            throw ProblemException.badRequest("keySize " + size + " is too weak; RSA keys must be 2048 or 4096 bits");
        }
        if (algorithm.equals("RSA") && size != 2048 && size != 4096) {
            throw ProblemException.badRequest("keySize for RSA must be 2048 or 4096, not " + size);
        }
        if (algorithm.equals("EC") && size != 256 && size != 384) {
            throw ProblemException.badRequest("keySize for EC must be 256 (P-256) or 384 (P-384), not " + size);
        }
        return size;
    }

    private static List<String> keyUsages(List<String> requested, String algorithm) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.badRequest("keyUsages must name at least one of digitalSignature, "
                    + "keyEncipherment, nonRepudiation, dataEncipherment, keyAgreement");
        }
        Set<String> usages = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i) == null ? "" : requested.get(i).trim();
            String usage = LEAF_KEY_USAGES.get(name.toLowerCase(Locale.ROOT));
            if (usage == null) {
                throw ProblemException.badRequest("keyUsages[" + i + "] '" + name + "' is not a key usage for device"
                        + " certificates (digitalSignature, keyEncipherment, nonRepudiation, dataEncipherment,"
                        + " keyAgreement)");
            }
            if (algorithm.equals("EC") && (usage.equals("keyEncipherment") || usage.equals("dataEncipherment"))) {
                throw ProblemException.badRequest("keyUsages[" + i + "] " + usage + " is not possible with an EC key");
            }
            usages.add(usage);
        }
        return new ArrayList<>(usages);
    }

    private static List<String> extendedKeyUsages(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.badRequest("extendedKeyUsages must name at least one OID, e.g. 1.3.6.1.5.5.7.3.2"
                    + " (client authentication)");
        }
        if (requested.size() > MAX_LIST) {
            throw ProblemException.badRequest("extendedKeyUsages has more than " + MAX_LIST + " entries");
        }
        Set<String> oids = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String oid = requested.get(i) == null ? "" : requested.get(i).trim();
            if (!DOTTED_OID.matcher(oid).matches()) {
                throw ProblemException.badRequest("extendedKeyUsages[" + i + "] '" + oid
                        + "' is not a dotted OID such as 1.3.6.1.5.5.7.3.2");
            }
            if (oid.equals(ANY_EXTENDED_KEY_USAGE)) {
                throw ProblemException.badRequest("extendedKeyUsages[" + i + "] " + oid
                        + " (any extended key usage) is not allowed");
            }
            oids.add(oid);
        }
        return new ArrayList<>(oids);
    }

    /** Windows only, as in Intune: TPM_OR_SOFTWARE when not given; null for the other platforms. */
    private static KeyStorageProvider keyStorageProvider(Platform platform, String value) {
        boolean given = value != null && !value.isBlank();
        if (platform != Platform.WINDOWS) {
            if (given) {
                throw ProblemException.badRequest("keyStorageProvider applies to Windows profiles only; leave it out"
                        + " for a " + platform + " profile");
            }
            return null;
        }
        return given ? Require.oneOf(KeyStorageProvider.class, value, "keyStorageProvider")
                : KeyStorageProvider.TPM_OR_SOFTWARE;
    }

    /** SHA256 when not given; SHA-1 and anything outside the SHA-2 family is refused. */
    private static HashAlgorithm hashAlgorithm(String value) {
        if (value == null || value.isBlank()) {
            return HashAlgorithm.SHA256;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            if (algorithm.name().equals(name)) {
                return algorithm;
            }
        }
        String shown = value.trim().length() > 32 ? value.trim().substring(0, 32) + "…" : value.trim();
        throw ProblemException.badRequest("hashAlgorithm must be SHA256, SHA384 or SHA512 (the SHA-2 family), not '"
                + shown + "'; SHA-1 is refused as weak");
    }

    private static int renewalThreshold(Integer value) {
        int percent = Require.number(value, "renewalThresholdPercent");
        if (percent < 1 || percent > 99) {
            throw ProblemException.badRequest("renewalThresholdPercent must be between 1 and 99, not " + percent);
        }
        return percent;
    }
}
