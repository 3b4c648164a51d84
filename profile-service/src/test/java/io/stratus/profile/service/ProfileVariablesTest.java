package io.stratus.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Device;

/** Plain unit tests of template validation, resolution and DN escaping. */
class ProfileVariablesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN={{DeviceId}}|d-1",
            "CN={{AAD_Device_ID}}|d-1",
            "CN={{DeviceName}},O=Contoso|LAPTOP 1",
            "{{SerialNumber}}-{{DeviceName}}|SN1-LAPTOP 1"})
    void resolvesEveryVariable(String template, String expectedPart) {
        String resolved = ProfileVariables.resolve(template, device("SN1"), v -> v, "test");
        assertTrue(resolved.contains(expectedPart), resolved);
        assertTrue(!resolved.contains("{{"), resolved);
    }

    @Test
    void aMissingValueIsAResolutionFailureNamingTheVariable() {
        ProfileResolutionException e = assertThrows(ProfileResolutionException.class,
                () -> ProfileVariables.resolve("CN={{SerialNumber}}", device(null), v -> v, "the subject"));
        assertEquals("device has no SerialNumber, needed by the subject", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN={{deviceName}}|unknown variable {{deviceName}}",
            "CN={{UserPrincipalName}}|unknown variable {{UserPrincipalName}}",
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
        return device;
    }
}
