package io.stratus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code stratus bench --ocsp}: OCSP answers per second from the demo issuing CA's responder, by POST over HTTP with C
 * clients for a number of seconds, about the CA's own certificates: first as clients that send no nonce (answers the
 * responder keeps a minute and serves again), then with a fresh nonce each (every answer signed for its request). Each
 * answer is read back and must be a successful OCSP response; latency percentiles and CPU per answer per process.
 */
final class OcspBench {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final X509Certificate issuer;
    private final List<BigInteger> serials;
    private final Supplier<Map<String, Double>> cpu;
    private final PrintWriter progress;

    OcspBench(URI url, X509Certificate issuer, List<BigInteger> serials, Supplier<Map<String, Double>> cpu,
            PrintWriter progress) {
        this.url = url;
        this.issuer = issuer;
        this.serials = serials;
        this.cpu = cpu;
        this.progress = progress;
    }

    /** The CA's certificates to ask about (its inventory, up to 1,000), or random serials when it has none yet. */
    static List<BigInteger> serialsOf(StratusApi api, String tenant, String authorityId) {
        List<BigInteger> serials = new ArrayList<>();
        for (JsonNode item : api.certificatePage(tenant, authorityId, null, 1000).path("items")) {
            serials.add(new BigInteger(item.path("serialNumber").asText(), 16));
        }
        while (serials.size() < 100) {
            serials.add(new BigInteger(64, RANDOM));
        }
        return serials;
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new StackException("the issuing CA's certificate does not parse: " + e.getMessage());
        }
    }

    /** One measured run: {@code clients} loops asking for {@code duration}; nonces or none. */
    Result run(boolean nonces, int clients, Duration duration) {
        progress.printf("OCSP, %s, %d clients, %d s%n", nonces ? "a fresh nonce each" : "no nonce", clients,
                duration.toSeconds());
        progress.flush();
        List<byte[]> withoutNonce = new ArrayList<>();
        serials.forEach(serial -> withoutNonce.add(request(serial, null)));
        AtomicLong failures = new AtomicLong();
        Map<String, Double> cpuBefore = cpu.get();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            loops.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = offset; System.nanoTime() < deadline; i += clients) {
                    int index = i % serials.size();
                    byte[] body = nonces ? request(serials.get(index), nonce()) : withoutNonce.get(index);
                    long sent = System.nanoTime();
                    if (ask(body)) {
                        latencies.add(System.nanoTime() - sent);
                    } else {
                        failures.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> loop : loops) {
            try {
                all.addAll(loop.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new StackException("an OCSP client failed: " + e.getCause());
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(all);
        return new Result(nonces, clients, all.size(), failures.get(), seconds, percentile(all, 0.50),
                percentile(all, 0.99), ProcessCpu.perUnit(cpuBefore, cpu.get(), all.size()));
    }

    private boolean ask(byte[] body) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200
                    && new OCSPResp(response.body()).getStatus() == OCSPRespBuilder.SUCCESSFUL;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] request(BigInteger serial, byte[] nonce) {
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), serial));
            if (nonce != null) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(nonce))));
            }
            return builder.build().getEncoded();
        } catch (OCSPException | OperatorCreationException | CertificateException | IOException e) {
            throw new StackException("cannot build an OCSP request: " + e.getMessage());
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static double percentile(List<Long> sortedNanos, double fraction) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(fraction * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    /** One run's numbers: answers per second, latency in ms, CPU ms per answer per process. */
    record Result(boolean nonces, int clients, long answers, long failures, double seconds, double p50Ms, double p99Ms,
            Map<String, Double> cpuPerAnswer) {

        double perSecond() {
            return answers / seconds;
        }

        String humanLine() {
            StringBuilder cpuText = new StringBuilder();
            cpuPerAnswer.forEach((process, ms) -> cpuText.append(cpuText.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.3f ms", process, ms)));
            return String.format(Locale.ROOT, "OCSP (%s): %d answers in %.1f s = %.0f/s with %d clients, p50 %.1f ms,"
                    + " p99 %.1f ms, %d failed%nCPU per answer: %s", nonces ? "fresh nonce each" : "no nonce", answers,
                    seconds, perSecond(), clients, p50Ms, p99Ms, failures, cpuText);
        }

        void into(ObjectNode line) {
            ObjectNode run = line.putObject(nonces ? "with_nonce" : "without_nonce");
            run.put("answers", answers);
            run.put("failures", failures);
            run.put("answers_per_second", Math.round(perSecond() * 10) / 10.0);
            run.put("p50_ms", Math.round(p50Ms * 100) / 100.0);
            run.put("p99_ms", Math.round(p99Ms * 100) / 100.0);
            ObjectNode cpuNode = run.putObject("cpu_ms_per_answer");
            cpuPerAnswer.forEach((process, ms) -> cpuNode.put(process, Math.round(ms * 1000) / 1000.0));
        }
    }
}
