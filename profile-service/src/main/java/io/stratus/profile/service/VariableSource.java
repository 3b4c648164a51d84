package io.stratus.profile.service;

import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/**
 * What variables resolve against: a device, its primary user (null when it has none) and the DNS domain that
 * completes a device name without dots into {{FullyQualifiedDomainName}} (null when not configured).
 */
public record VariableSource(Device device, AppUser user, String deviceDomain) {
}
