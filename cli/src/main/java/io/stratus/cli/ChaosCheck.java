package io.stratus.cli;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the databases hold after a chaos run, read with SQL (not through the services that were crashed), against
 * what the devices hold: every device of the run received exactly one certificate, the CA signed exactly those
 * (none that no device received), every SCEP transaction ended ISSUED, and both outboxes were relayed to the end.
 *
 * @param certificates      device certificates the issuing CA signed since the run started (ca-service's table)
 * @param devicesWithSeveral devices with more than one of them
 * @param notReceived       certificates the CA signed that no device holds
 * @param unrecorded        certificates a device holds that the CA has no record of
 * @param received          devices of the run that hold a certificate
 * @param enrollments       enrollment-service's SCEP transactions of the run by status
 * @param outboxUnsent      events written but never published, by service
 */
record ChaosCheck(int certificates, int devicesWithSeveral, int notReceived, int unrecorded, int received,
        Map<String, Integer> enrollments, Map<String, Long> outboxUnsent) {

    static ChaosCheck of(DbUrl db, String authorityId, Instant since, Map<String, BigInteger> receivedByDevice) {
        try (Connection ca = connect(db, "ca"); Connection enrollment = connect(db, "enrollment");
                Connection profile = connect(db, "profile")) {
            Map<String, Integer> perDevice = new HashMap<>();
            Set<BigInteger> signed = new HashSet<>();
            int certificates = 0;
            int notReceived = 0;
            try (PreparedStatement ps = ca.prepareStatement("SELECT device_id, serial_hex FROM issued_certificate"
                    + " WHERE authority_id = ? AND purpose = 'DEVICE' AND created_at >= ?")) {
                ps.setString(1, authorityId);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        certificates++;
                        String device = rs.getString(1);
                        BigInteger serial = new BigInteger(rs.getString(2), 16);
                        signed.add(serial);
                        perDevice.merge(device == null ? "" : device, 1, Integer::sum);
                        if (!serial.equals(receivedByDevice.get(device))) {
                            notReceived++;
                        }
                    }
                }
            }
            int several = (int) perDevice.values().stream().filter(n -> n > 1).count();
            int unrecorded = (int) receivedByDevice.values().stream().filter(s -> !signed.contains(s)).count();
            Map<String, Integer> statuses = new TreeMap<>();
            try (PreparedStatement ps = enrollment.prepareStatement("SELECT status, count(*) FROM enrollment"
                    + " WHERE authority_id = ? AND created_at >= ? GROUP BY status")) {
                ps.setString(1, authorityId);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        statuses.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            Map<String, Long> unsent = new TreeMap<>();
            unsent.put(Service.CA.id(), count(ca, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL"));
            unsent.put(Service.PROFILE.id(), count(profile, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"));
            return new ChaosCheck(certificates, several, notReceived, unrecorded, receivedByDevice.size(), statuses, unsent);
        } catch (SQLException e) {
            throw new StackException("cannot read the databases at " + db.display() + ": " + e.getMessage(), e);
        }
    }

    /** Nothing lost, nothing doubled, nothing left behind, for a run of {@code devices}. */
    boolean passes(int devices) {
        return certificates == devices && devicesWithSeveral == 0 && notReceived == 0 && unrecorded == 0
                && received == devices && enrollments.equals(Map.of("ISSUED", devices))
                && outboxUnsent.values().stream().allMatch(n -> n == 0);
    }

    private static Connection connect(DbUrl db, String name) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(name), db.user(), db.password());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
