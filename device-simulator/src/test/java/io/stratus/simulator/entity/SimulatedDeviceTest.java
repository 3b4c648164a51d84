package io.stratus.simulator.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.crypto.Serials;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.simulator.fixtures.DeviceEvents;
import io.stratus.simulator.fixtures.TestPki;
import io.stratus.simulator.mapping.DeviceRecords;

/**
 * The assignment lifecycle of one device and the replay rules a restart relies on: a challenge acted on
 * once is never acted on again (also after the device was saved and restored); a new challenge for a held
 * assignment re-enrolls; unassigning removes certificate, key and trusted certificates; a revoked
 * serial stops the certificate's use.
 */
class SimulatedDeviceTest {

    private static final TestPki PKI = new TestPki();
    private static final String URL = "http://127.0.0.1:9/scep/x";

    @Test
    void aChallengeIsActedOnOnceAndANewOneReEnrolls() {
        SimulatedDevice device = DeviceEvents.device("contoso", "laptop-1");
        assertEquals(DeviceState.WAITING, device.state());
        ProfileAssignedEvent first = DeviceEvents.assigned(device, "a-1", URL, PKI, false);
        assertTrue(device.receive(first));
        assertEquals(DeviceState.ENROLLING, device.state());
        assertFalse(device.receive(first), "the same challenge again: a replay");
        X509Certificate issued = enroll(device, "a-1");
        assertEquals(DeviceState.ENROLLED, device.state());
        assertEquals(issued, device.certificate());
        assertFalse(device.receive(first), "still a replay once enrolled");

        ProfileAssignedEvent edited = DeviceEvents.assigned(device, "a-1", URL, PKI, false);
        assertTrue(device.receive(edited), "a new challenge for the same assignment re-enrolls");
        assertEquals(DeviceState.ENROLLING, device.state());
        assertEquals(1, device.assignments().size());
        X509Certificate replacement = enroll(device, "a-1");
        assertEquals(replacement, device.certificate());
        assertFalse(device.receive(first), "the older challenge stays handled");
    }

    @Test
    void unassigningRemovesCertificateKeyAndTrustedCertificatesOnlyOtherAssignmentsDoNotNeed() {
        SimulatedDevice device = DeviceEvents.device("contoso", "laptop-2");
        device.receive(DeviceEvents.assigned(device, "wifi", URL, PKI, false));
        device.receive(DeviceEvents.assigned(device, "vpn", URL, PKI, false));
        device.installed("wifi", List.of(new InstalledCertificate("COMPUTER_ROOT", PKI.root()),
                new InstalledCertificate("COMPUTER_INTERMEDIATE", PKI.issuing())));
        device.installed("vpn", List.of(new InstalledCertificate("COMPUTER_ROOT", PKI.root())));
        enroll(device, "wifi");
        enroll(device, "vpn");

        assertTrue(device.unassign("wifi"));
        assertFalse(device.unassign("wifi"), "once");
        DeviceAssignment wifi = device.assignment("wifi").orElseThrow();
        assertEquals(AssignmentState.UNASSIGNED, wifi.state());
        assertNull(wifi.certificate());
        assertNull(wifi.privateKey());
        assertEquals(List.of(PKI.root()), device.trustStore().roots(), "the root is still needed by vpn");
        assertEquals(List.of(), device.trustStore().intermediates(), "only wifi needed the intermediate");
        assertEquals(DeviceState.ENROLLED, device.state());

        assertTrue(device.unassign("vpn"));
        assertEquals(DeviceState.WAITING, device.state());
        assertNull(device.certificate());
        assertEquals(List.of(), device.trustStore().roots());
    }

    @Test
    void aRevokedSerialStopsTheCertificatesUse() {
        SimulatedDevice device = DeviceEvents.device("contoso", "phone-1");
        device.receive(DeviceEvents.assigned(device, "a-1", URL, PKI, false));
        X509Certificate issued = enroll(device, "a-1");
        assertFalse(device.revoke("0BADC0DE", "keyCompromise"), "another serial");
        assertTrue(device.revoke(Serials.hex(issued.getSerialNumber()).toLowerCase(), "keyCompromise"));
        assertEquals(DeviceState.REVOKED, device.state());
        assertNull(device.certificate(), "a revoked certificate is not offered any more");
        assertFalse(device.renewing("a-1"), "nor renewed");
        assertTrue(device.error().contains("keyCompromise"), device.error());
    }

    @Test
    void aSavedAndRestoredDeviceKeepsItsCertificateAndIgnoresReplayedAssignments() {
        SimulatedDevice device = DeviceEvents.device("contoso", "laptop-3");
        ProfileAssignedEvent assigned = DeviceEvents.assigned(device, "a-1", URL, PKI, false);
        device.receive(assigned);
        device.installed("a-1", List.of(new InstalledCertificate("COMPUTER_ROOT", PKI.root())));
        X509Certificate issued = enroll(device, "a-1");

        SimulatedDevice restored = DeviceRecords.fromRecord(DeviceRecords.toRecord(device));
        assertEquals(device.id(), restored.id());
        assertEquals(device.identity().getPublic(), restored.identity().getPublic());
        assertEquals(device.identity().getPrivate(), restored.identity().getPrivate());
        assertEquals("laptop-3@contoso.test", restored.primaryUser());
        assertEquals(DeviceState.ENROLLED, restored.state());
        assertEquals(issued, restored.certificate());
        DeviceAssignment held = restored.assignment("a-1").orElseThrow();
        assertEquals(device.assignment("a-1").orElseThrow().privateKey(), held.privateKey());
        assertEquals(assigned, held.event());
        assertEquals(List.of(PKI.root()), restored.trustStore().roots());
        assertFalse(restored.receive(assigned), "a replay after a restart does not re-enroll");
        assertEquals(DeviceState.ENROLLED, restored.state());
    }

    @Test
    void anInterruptedEnrollmentIsRestoredAsEnrollingWithItsAssignment() {
        SimulatedDevice device = DeviceEvents.device("contoso", "laptop-4");
        ProfileAssignedEvent assigned = DeviceEvents.assigned(device, "a-1", URL, PKI, false);
        device.receive(assigned);
        SimulatedDevice restored = DeviceRecords.fromRecord(DeviceRecords.toRecord(device));
        DeviceAssignment pending = restored.assignment("a-1").orElseThrow();
        assertEquals(AssignmentState.ENROLLING, pending.state());
        assertEquals(assigned, pending.event(), "what the resume needs to enroll");
        assertFalse(restored.receive(assigned), "the redelivered event is not a second enrollment");
    }

    private static X509Certificate enroll(SimulatedDevice device, String assignmentId) {
        KeyPair keys = DeviceEvents.keysFor();
        X509Certificate certificate = DeviceEvents.issue(PKI, device, keys);
        device.enrolled(assignmentId, certificate, keys.getPrivate(), 12, false);
        return certificate;
    }
}
