package io.stratus.profile.service.rules;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/** The attributes a membership rule may test, by their name in the rule language. */
public enum RuleAttribute {
    DEVICE_PLATFORM(RuleSubject.DEVICE, "device.platform", null),
    DEVICE_NAME(RuleSubject.DEVICE, "device.name", null),
    DEVICE_SERIAL_NUMBER(RuleSubject.DEVICE, "device.serialNumber", null),
    DEVICE_IMEI(RuleSubject.DEVICE, "device.imei", null),
    DEVICE_WIFI_MAC(RuleSubject.DEVICE, "device.wifiMac", null),
    DEVICE_PRIMARY_USER(RuleSubject.DEVICE, "device.primaryUser", null),
    USER_UPN(RuleSubject.USER, "user.upn", user -> user.upn),
    USER_EMAIL(RuleSubject.USER, "user.email", user -> user.email),
    USER_GIVEN_NAME(RuleSubject.USER, "user.givenName", user -> user.givenName),
    USER_SURNAME(RuleSubject.USER, "user.surname", user -> user.surname),
    USER_SAM_ACCOUNT_NAME(RuleSubject.USER, "user.onPremSamAccountName", user -> user.samAccountName);

    private final RuleSubject subject;
    private final String ruleName;
    private final Function<AppUser, String> userValue;

    RuleAttribute(RuleSubject subject, String ruleName, Function<AppUser, String> userValue) {
        this.subject = subject;
        this.ruleName = ruleName;
        this.userValue = userValue;
    }

    public RuleSubject subject() {
        return subject;
    }

    public String ruleName() {
        return ruleName;
    }

    /** The attribute named {@code name} (case-insensitive), or null. */
    public static RuleAttribute named(String name) {
        for (RuleAttribute attribute : values()) {
            if (attribute.ruleName.equalsIgnoreCase(name)) {
                return attribute;
            }
        }
        return null;
    }

    public static String allNames() {
        return Arrays.stream(values()).map(RuleAttribute::ruleName).collect(Collectors.joining(", "));
    }

    /** The device's value (never null: a missing value is the empty string). */
    String of(Device device) {
        String value;
        switch (this) {
            case DEVICE_PLATFORM:
                value = device.platform == null ? null : device.platform.name();
                break;
            case DEVICE_NAME:
                value = device.name;
                break;
            case DEVICE_SERIAL_NUMBER:
                value = device.serialNumber;
                break;
            case DEVICE_IMEI:
                value = device.imei;
                break;
            case DEVICE_WIFI_MAC:
                value = device.wifiMacAddress;
                break;
            case DEVICE_PRIMARY_USER:
                value = device.primaryUserId;
                break;
            default:
                throw new IllegalStateException(ruleName + " is not a device attribute");
        }
        return value == null ? "" : value;
    }

    String of(AppUser user) {
        if (userValue == null) {
            throw new IllegalStateException(ruleName + " is not a user attribute");
        }
        String value = userValue.apply(user);
        return value == null ? "" : value;
    }
}
