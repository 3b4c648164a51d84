package io.stratus.profile.mapping;

import java.util.List;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.entity.DeviceGroup;
import io.stratus.profile.entity.SanTemplate;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.entity.TrustedProfile;
import io.stratus.profile.rest.dto.AssignmentView;
import io.stratus.profile.rest.dto.DeviceDeployment;
import io.stratus.profile.rest.dto.DeviceView;
import io.stratus.profile.rest.dto.GroupSummary;
import io.stratus.profile.rest.dto.GroupView;
import io.stratus.profile.rest.dto.SanRequest;
import io.stratus.profile.rest.dto.ScepProfileView;
import io.stratus.profile.rest.dto.TrustedProfileView;
import io.stratus.profile.rest.dto.UserView;

/** Entities to their API representations. */
public final class Views {

    private Views() {
    }

    public static DeviceView of(Device device) {
        KeyAlgorithm algorithm = device.identityPublicKey == null ? null
                : KeyAlgorithm.find(Pem.publicKey(device.identityPublicKey));
        return new DeviceView(device.id, device.tenant, device.name, device.platform.name(), device.serialNumber,
                device.identityPublicKey, algorithm == null ? null : algorithm.name(), device.imei,
                device.wifiMacAddress, device.primaryUserId, device.createdAt);
    }

    public static UserView of(AppUser user) {
        return new UserView(user.id, user.tenant, user.upn, user.email, user.givenName, user.surname,
                user.onPremDistinguishedName, user.samAccountName, user.createdAt);
    }

    public static GroupView of(DeviceGroup group, List<String> firstDeviceIds, List<String> firstUserIds,
            long deviceCount, long userCount) {
        return new GroupView(group.id, group.tenant, group.name, membershipType(group), group.membershipRule,
                group.createdAt, firstDeviceIds, firstUserIds, deviceCount, userCount);
    }

    public static GroupSummary summary(DeviceGroup group) {
        return new GroupSummary(group.id, group.tenant, group.name, membershipType(group), group.membershipRule,
                group.createdAt, group.updatedAt);
    }

    public static String membershipType(DeviceGroup group) {
        return group.dynamic() ? "DYNAMIC" : "STATIC";
    }

    public static TrustedProfileView of(TrustedProfile profile) {
        return new TrustedProfileView(profile.id, profile.tenant, profile.name, profile.platform.name(),
                profile.store.name(), profile.authorityId, profile.subjectDn, profile.certificatePem,
                profile.createdAt);
    }

    public static ScepProfileView of(ScepProfile profile) {
        List<SanRequest> sans = profile.sans.items().stream().map(Views::of).toList();
        return new ScepProfileView(profile.id, profile.tenant, profile.name, profile.platform.name(),
                profile.certificateType.name(), profile.authorityId, profile.scepUrl, profile.subjectNameFormat, sans,
                profile.validityDays, profile.keyAlgorithm, profile.keySize, profile.keyUsages, profile.ekus,
                profile.renewalThresholdPercent, profile.trustedProfileIds,
                profile.keyStorageProvider == null ? null : profile.keyStorageProvider.name(),
                profile.hashAlgorithm.name(), profile.revokeOnUnassignment, profile.revokeOnRenewal, profile.validityMinutes,
                profile.createdAt);
    }

    public static AssignmentView of(Assignment assignment) {
        return new AssignmentView(assignment.id, assignment.tenant, assignment.profileId, assignment.includeGroupIds,
                assignment.excludeGroupIds, assignment.createdAt, null, null, null, null, rollout(assignment));
    }

    /** {@code COMPLETE} once the assignment reached every device in scope, else {@code IN_PROGRESS}. */
    public static String rollout(Assignment assignment) {
        return assignment.rolledOut() ? "COMPLETE" : "IN_PROGRESS";
    }

    public static DeviceDeployment of(DeviceAssignment row) {
        return new DeviceDeployment(row.deviceId, row.assignmentId, row.status.name(), row.reason, row.serialNumber,
                row.updatedAt);
    }

    private static SanRequest of(SanTemplate san) {
        return new SanRequest(san.type().name(), san.value());
    }
}
