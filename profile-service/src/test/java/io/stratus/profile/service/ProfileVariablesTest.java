package io.stratus.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/** Plain unit tests of template validation, resolution and DN escaping. */
class ProfileVariablesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN={{DeviceId}}|d-1",
            "CN={{AAD_Device_ID}}|d-1",
            "CN={{DeviceName}},O=Contoso|LAPTOP1",
            "{{SerialNumber}}-{{DeviceName}}|SN1-LAPTOP1",
            "CN={{IMEI}}|CN=356938035643809",
            "CN={{WiFiMacAddress}}|CN=00:1A:2B:3C:4D:5E",
            "CN={{FullyQualifiedDomainName}}|CN=LAPTOP1.corp.contoso.test",
            "CN={{UserPrincipalName}}|CN=alice@contoso.test",
            "CN={{EmailAddress}}|CN=alice.smith@mail.contoso.test",
            "CN={{UserName}}|CN=alice",
            "CN={{GivenName}} {{SurName}}|CN=Alice Smith",
            "{{OnPrem_Distinguished_Name}}|CN=Alice Smith,OU=Staff,DC=contoso",
            "CN={{OnPremisesSamAccountName}}|CN=ALICE"})
    void resolvesEveryVariable(String template, String expectedPart) {
        String resolved = ProfileVariables.resolve(template, source(device("SN1"), user()), v -> v, "test");
        assertTrue(resolved.contains(expectedPart), resolved);
        assertTrue(!resolved.contains("{{"), resolved);
    }

    @Test
    void aMissingValueIsAResolutionFailureNamingTheVariable() {
        ProfileResolutionException e = assertThrows(ProfileResolutionException.class,
                () -> ProfileVariables.resolve("CN={{SerialNumber}}", source(device(null), null), v -> v,
                        "the subject"));
        assertEquals("device has no SerialNumber, needed by the subject", e.getMessage());
    }

    @Test
    void userVariablesNeedAPrimaryUserWithTheAttribute() {
        ProfileResolutionException noUser = assertThrows(ProfileResolutionException.class,
                () -> ProfileVariables.resolve("CN={{UserPrincipalName}}", source(device("S"), null), v -> v, "x"));
        assertEquals("device has no primary user, whose UserPrincipalName is needed by x", noUser.getMessage());
        AppUser noSam = user();
        noSam.samAccountName = null;
        ProfileResolutionException noValue = assertThrows(ProfileResolutionException.class,
                () -> ProfileVariables.resolve("CN={{OnPremisesSamAccountName}}", source(device("S"), noSam),
                        v -> v, "x"));
        assertEquals("user alice@contoso.test has no OnPremisesSamAccountName, needed by x", noValue.getMessage());
    }

    @Test
    void theFullyQualifiedNameKeepsADottedNameAndNeedsADomainOtherwise() {
        Device dotted = device("S");
        dotted.name = "laptop1.branch.contoso.test";
        assertEquals("laptop1.branch.contoso.test", ProfileVariables.resolve("{{FullyQualifiedDomainName}}",
                source(dotted, null), v -> v, "x"));
        ProfileResolutionException noDomain = assertThrows(ProfileResolutionException.class,
                () -> ProfileVariables.resolve("{{FullyQualifiedDomainName}}",
                        new VariableSource(device("S"), null, null), v -> v, "x"));
        assertTrue(noDomain.getMessage().contains("stratus.profile.device-domain is not set"), noDomain.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN={{deviceName}}|unknown variable {{deviceName}}",
            "CN={{userPrincipalName}}|unknown variable {{userPrincipalName}}",
            "CN={{DeviceName}|unterminated variable",
            "CN=DeviceName}}|unterminated variable",
            "CN={{}}|unknown variable {{}}"})
    void refusesUnknownAndBrokenVariables(String template, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> ProfileVariables.validate(template, "f"));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().contains(detail), e.problem().detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|plain",
            "Smith, John|Smith\\, John",
            "a+b=c|a\\+b\\=c",
            "#hash|\\#hash",
            "quote\"semi;<>\\|quote\\\"semi\\;\\<\\>\\\\"})
    void escapesDistinguishedNameValues(String value, String escaped) {
        assertEquals(escaped, ProfileVariables.escapeDnValue(value));
    }

    private static Device device(String serial) {
        Device device = new Device();
        device.tenant = "t";
        device.id = "d-1";
        device.name = "LAPTOP 1";
        device.serialNumber = serial;
        device.imei = "356938035643809";
        device.wifiMacAddress = "00:1A:2B:3C:4D:5E";
        return device;
    }

    private static AppUser user() {
        AppUser user = new AppUser();
        user.tenant = "t";
        user.id = "alice";
        user.upn = "alice@contoso.test";
        user.email = "alice.smith@mail.contoso.test";
        user.givenName = "Alice";
        user.surname = "Smith";
        user.onPremDistinguishedName = "CN=Alice Smith,OU=Staff,DC=contoso,DC=test";
        user.samAccountName = "ALICE";
        return user;
    }

    private static VariableSource source(Device device, AppUser user) {
        if (device.name.equals("LAPTOP 1")) {
            device.name = "LAPTOP1";
        }
        return new VariableSource(device, user, "corp.contoso.test");
    }
}
