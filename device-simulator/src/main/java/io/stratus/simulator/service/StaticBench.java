package io.stratus.simulator.service;

import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.simulator.entity.BenchRun;
import io.stratus.simulator.service.ScepEnrollmentClient.ScepOutcome;
import io.stratus.simulator.service.DeviceEnroller.EnrollmentResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The enrollments of a static-challenge bench: any SCEP server (Stratus with a CA's static challenge, or a peer such
 * as micromdm's scepserver) gets the same requests from the same client. Each one is a PKCSReq with a bench key (RSA
 * 2048, {@link BenchKeys}) and the challenge as challengePassword; it counts as issued when the CertRep carries a
 * certificate for that key, signed and answered as SCEP requires (the client checks the RA signature and nonces).
 */
@ApplicationScoped
public class StaticBench {

    private final ScepEnrollmentClient scep;
    private final BenchKeys keys;

    public StaticBench(ScepEnrollmentClient scep, BenchKeys keys) {
        this.scep = scep;
        this.keys = keys;
    }

    /** One enrollment task per device, requests built before the clock starts; the first failure is logged. */
    List<Supplier<EnrollmentResult>> prepare(BenchRun run, URI scepUrl, String challenge) {
        List<Supplier<EnrollmentResult>> tasks = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        String prefix = "bench-static-" + run.id().substring(0, 8) + "-";
        for (int i = 1; i <= run.devices(); i++) {
            KeyPair pair = keys.take(KeyAlgorithm.RSA_2048);
            String subject = "CN=" + prefix + i;
            byte[] csr = Csrs.build(pair, subject, List.of(), challenge);
            tasks.add(() -> enroll(scepUrl, pair, csr, subject, firstError));
        }
        return tasks;
    }

    private EnrollmentResult enroll(URI scepUrl, KeyPair pair, byte[] csr, String subject,
            AtomicReference<String> firstError) {
        try {
            ScepOutcome outcome = scep.enroll(scepUrl, pair, csr, subject, BenchKeys.transactionId(csr));
            if (!outcome.issued()) {
                return failed(firstError, "rejected: failInfo " + outcome.failInfo());
            }
            if (!outcome.certificate().getPublicKey().equals(pair.getPublic())) {
                return failed(firstError, "the certificate is not for the requested key");
            }
            return EnrollmentResult.issued(outcome.millis(), outcome.certificate());
        } catch (RuntimeException e) {
            // transport, protocol or poll-limit failures of one enrollment count as one failure, never end the run
            return failed(firstError, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static EnrollmentResult failed(AtomicReference<String> firstError, String reason) {
        if (firstError.compareAndSet(null, reason)) {
            Log.warnf("static bench: an enrollment failed: %s", reason);
        }
        return EnrollmentResult.failed();
    }
}
