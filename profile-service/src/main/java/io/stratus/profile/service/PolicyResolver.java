package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.List;

import io.stratus.crypto.SubjectNames;
import io.stratus.events.IssuancePolicy;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.events.KeySpec;
import io.stratus.events.SubjectAltName;
import io.stratus.profile.entity.CertificateType;
import io.stratus.profile.entity.SanTemplate;
import io.stratus.profile.entity.ScepProfile;
import jakarta.enterprise.context.ApplicationScoped;

/** Resolves a SCEP profile for one device into the issuance policy its certificate must follow. */
@ApplicationScoped
public class PolicyResolver {

    private final boolean shortValidityAllowed;

    public PolicyResolver(ProfileConfig config) {
        this.shortValidityAllowed = config.shortValidityAllowed();
    }

    /**
     * @throws ProfileResolutionException when the device lacks a value, a resolved name is not valid, or the profile
     *         asks for minutes of validity where this deployment no longer allows it
     */
    public IssuancePolicy resolve(ScepProfile profile, VariableSource device) {
        if (profile.certificateType == CertificateType.USER && device.user() == null) {
            throw new ProfileResolutionException("device has no primary user, needed by a USER certificate profile");
        }
        if (profile.validityMinutes != null && !shortValidityAllowed) {
            throw new ProfileResolutionException("the profile asks for " + profile.validityMinutes + " minutes of"
                    + " validity and this deployment does not allow validities in minutes"
                    + " (stratus.profile.short-validity-allowed); set validityDays");
        }
        return new IssuancePolicy(subject(profile, device), subjectAltNames(profile, device),
                new KeySpec(profile.keyAlgorithm, profile.keySize), List.copyOf(profile.ekus),
                List.copyOf(profile.keyUsages), profile.validityDays, profile.revokeOnRenewal,
                profile.renewalThresholdPercent, profile.validityMinutes);
    }

    private static String subject(ScepProfile profile, VariableSource device) {
        String resolved = ProfileVariables.resolve(profile.subjectNameFormat, device, ProfileVariables::escapeDnValue,
                "the subject name format");
        try {
            return SubjectNames.toString(SubjectNames.parse(resolved));
        } catch (IllegalArgumentException e) {
            throw new ProfileResolutionException("the resolved subject '" + resolved
                    + "' is not a distinguished name");
        }
    }

    private static List<SubjectAltName> subjectAltNames(ScepProfile profile, VariableSource device) {
        List<SubjectAltName> sans = new ArrayList<>();
        for (SanTemplate template : profile.sans.items()) {
            String value = ProfileVariables.resolve(template.value(), device, v -> v,
                    "the " + template.type() + " subject alternative name");
            String problem = SanValues.problem(template.type(), value);
            if (problem != null) {
                throw new ProfileResolutionException("resolved " + template.type() + " name " + problem);
            }
            sans.add(new SubjectAltName(template.type(), value));
        }
        return sans;
    }
}
