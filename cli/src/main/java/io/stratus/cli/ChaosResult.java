package io.stratus.cli;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The outcome of {@code stratus chaos}: the bench under faults, the faults, and what the databases hold after. */
record ChaosResult(BenchResult bench, List<FiredFault> faults, ChaosCheck check, long reportSucceeded,
        boolean auditValid, long auditRecords) {

    /** Every fault fired, every device enrolled once, nothing lost, doubled or left unsent, report and audit complete. */
    boolean passes() {
        int n = bench.devices();
        return faults.size() == Fault.values().length && bench.issued() == n && bench.failed() == 0
                && check.passes(n) && reportSucceeded == n && auditValid;
    }

    String jsonLine() {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(bench.jsonLine());
            ArrayNode fired = o.putArray("faults");
            for (FiredFault f : faults) {
                fired.addObject().put("fault", f.fault().name().toLowerCase(Locale.ROOT))
                        .put("at_issued", f.atIssued()).put("recovery_seconds", BenchResult.round(f.recoverySeconds(), 1));
            }
            o.put("ca_certificates", check.certificates());
            o.put("ca_devices_with_several", check.devicesWithSeveral());
            o.put("certificates_not_received", check.notReceived());
            o.put("certificates_unrecorded", check.unrecorded());
            o.put("devices_with_certificate", check.received());
            ObjectNode enrollments = o.putObject("enrollments");
            check.enrollments().forEach(enrollments::put);
            ObjectNode unsent = o.putObject("outbox_unsent");
            check.outboxUnsent().forEach(unsent::put);
            o.put("report_succeeded", reportSucceeded);
            o.put("audit_valid", auditValid);
            o.put("audit_records", auditRecords);
            o.put("passed", passes());
            return o.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String humanLines() {
        StringBuilder s = new StringBuilder(bench.humanLine());
        for (FiredFault f : faults) {
            s.append(String.format(Locale.ROOT, "%nFault at %d issued: %s; every service ready again after %.1f s",
                    f.atIssued(), f.fault().description(), f.recoverySeconds()));
        }
        if (faults.size() < Fault.values().length) {
            s.append(String.format(Locale.ROOT, "%nOnly %d of %d faults fired before the run ended: use more devices",
                    faults.size(), Fault.values().length));
        }
        s.append(String.format(Locale.ROOT, "%nDatabases: %d certificates signed, %d devices hold one, %d devices with"
                + " several, %d signed but held by no device, %d held but not recorded; SCEP transactions %s;"
                + " unsent events %s", check.certificates(), check.received(), check.devicesWithSeveral(),
                check.notReceived(), check.unrecorded(), check.enrollments(), check.outboxUnsent()));
        s.append(String.format(Locale.ROOT, "%nDeployment report: %d succeeded of %d; audit chain %s (%d records)",
                reportSucceeded, bench.devices(), auditValid ? "verifies" : "BROKEN", auditRecords));
        s.append(String.format(Locale.ROOT, "%nChaos %s", passes() ? "passed: nothing lost, nothing doubled"
                : "FAILED: see above"));
        return s.toString();
    }
}
