package io.stratus.profile.service.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.Platform;

class RuleParserTest {

    private static Device device(String name, Platform platform, String serial) {
        Device device = new Device();
        device.id = name;
        device.name = name;
        device.platform = platform;
        device.serialNumber = serial;
        return device;
    }

    @ParameterizedTest(name = "{0} on kiosk-7/WINDOWS/SN-1 -> {1}")
    @CsvSource(delimiter = '|', value = {
            "device.platform -eq \"WINDOWS\" -and device.name -startsWith \"kiosk-\"|true",
            "device.platform -eq \"windows\"|true",
            "DEVICE.PLATFORM -EQ \"WINDOWS\" -AND device.name -STARTSWITH \"KIOSK\"|true",
            "device.platform -ne \"WINDOWS\"|false",
            "device.name -contains \"sk-7\"|true",
            "device.name -notContains \"sk-7\"|false",
            "device.imei -eq null|true",
            "device.imei -eq \"\"|true",
            "device.imei -ne null|false",
            "device.platform -eq \"MACOS\" -or device.serialNumber -eq \"SN-1\"|true",
            "device.platform -eq \"MACOS\" -and device.name -startsWith \"kiosk\" -or device.serialNumber -eq \"SN-1\"|true",
            "device.platform -eq \"MACOS\" -and (device.name -startsWith \"kiosk\" -or device.serialNumber -eq \"SN-1\")|false",
            "((device.name -eq \"kiosk-7\"))|true",
    })
    void evaluatesDeviceRules(String rule, boolean expected) {
        MembershipRule parsed = RuleParser.parse(rule);
        assertEquals(RuleSubject.DEVICE, parsed.subject());
        assertEquals(expected, parsed.matches(device("kiosk-7", Platform.WINDOWS, "SN-1")));
    }

    @Test
    void userRulesTestUsersAndEscapedQuotes() {
        AppUser user = new AppUser();
        user.upn = "ann@contoso.test";
        user.surname = "O\"Neil";
        MembershipRule rule = RuleParser.parse("user.upn -startsWith \"ann@\" -and user.surname -eq \"o\\\"neil\"");
        assertEquals(RuleSubject.USER, rule.subject());
        assertTrue(rule.matches(user));
        assertFalse(rule.matches(device("kiosk-7", Platform.WINDOWS, null)), "a user rule selects no device");
        assertFalse(RuleParser.parse("device.name -eq \"x\"").matches(user), "a device rule selects no user");
    }

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(delimiter = '|', value = {
            "device.colour -eq \"red\"|1|unknown attribute",
            "device.name -like \"a\"|13|expected an operator",
            "device.name -eq kiosk|17|expected a value in double quotes",
            "device.name -eq \"kiosk|17|has no closing",
            "device.name -eq \"a\" -and|25|expected an attribute",
            "(device.name -eq \"a\"|21|to close the",
            "device.name -eq \"a\")|20|expected -and, -or or the end",
            "device.name -eq \"a\" device.name|21|expected -and, -or or the end",
            "device.name -eq \"a\" -and user.upn -eq \"b\"|26|either device.* or user.*",
            "device.name -eq \"a\" ; drop|21|unexpected character",
            "   |1|the rule is empty",
    })
    void refusesBadRulesSayingWhere(String rule, int position, String message) {
        RuleSyntaxException error = assertThrows(RuleSyntaxException.class, () -> RuleParser.parse(rule));
        assertEquals(position, error.position(), error.getMessage());
        assertTrue(error.getMessage().contains(message), error.getMessage());
        assertTrue(error.getMessage().endsWith("at position " + position), error.getMessage());
    }

    @Test
    void refusesOverlongRules() {
        String rule = "device.name -eq \"" + "a".repeat(RuleParser.MAX_LENGTH) + "\"";
        assertThrows(RuleSyntaxException.class, () -> RuleParser.parse(rule));
    }
}
