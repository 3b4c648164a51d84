package io.stratus.enrollment.support;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.CaCertificateBuilder.CaSpec;
import com.sun.net.httpserver.HttpServer;

import io.stratus.crypto.Crls;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.LeafCertificateSigner;
import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.Pem;
import io.stratus.crypto.San;
import io.stratus.crypto.Serials;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.CrlPublishedEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.SubjectAltName;
import io.stratus.events.Topics;

/**
 * Plays ca-service over Kafka with real keys: a root and issuing CAs, announced with AuthorityCreated;
 * it answers CertificateRequested (RA and device) with CertificateIssued, signed by the issuing CA.
 * Devices can be silenced (their requests are held until released) or refused.
 */
public final class TestCertificateAuthority implements AutoCloseable {

    public static final String SOURCE = "/stratus/ca-service";

    public final String tenant;
    public final String rootId = "root-" + UUID.randomUUID();
    public final KeyPair rootKeys = KeyAlgorithm.RSA_2048.generate();
    public final X509Certificate root;

    private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();
    private final List<CertificateRequestedEvent> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> rawRequests = new ConcurrentHashMap<>();
    private final Set<String> silencedDevices = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedDevices = ConcurrentHashMap.newKeySet();
    private final Set<String> agedDevices = ConcurrentHashMap.newKeySet();
    private final Map<String, CertificateRequestedEvent> held = new ConcurrentHashMap<>();
    private final List<String> issuedTransactions = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> crlDocuments = new ConcurrentHashMap<>();
    private HttpServer crlServer;
    private final Map<String, Integer> crlFetches = new ConcurrentHashMap<>();
    private final Map<String, String> crlRedirects = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean running = true;

    /** An issuing CA: its key and certificate. */
    public record Issuer(String id, KeyPair keys, X509Certificate certificate) {
    }

    public TestCertificateAuthority(String tenant) {
        this.tenant = tenant;
        Instant now = Instant.now();
        this.root = CaCertificateBuilder.selfSignedRoot(CaSpec.of("CN=Stratus Test Root " + tenant + ",O=Stratus Test",
                KeyAlgorithm.RSA_2048, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650))), rootKeys);
        Kafka.publish(SOURCE, new AuthorityCreatedEvent(tenant, rootId, AuthorityKind.ROOT, null, "Test Root",
                SubjectNames.toString(root.getSubjectX500Principal()), AuthorityStatus.ACTIVE, Pem.encode(root),
                Pem.encode(root), root.getNotAfter().toInstant()));
        KafkaConsumer<String, String> consumer = Kafka.consumer("test-ca-" + UUID.randomUUID());
        consumer.subscribe(List.of(Topics.ENROLLMENT_REQUESTS));
        this.loop = new Thread(() -> answer(consumer), "test-ca-" + tenant);
        loop.setDaemon(true);
        loop.start();
    }

    /** Creates an issuing CA under the root and announces it (ACTIVE). */
    public Issuer createIssuing(String name) {
        return createIssuing(name, true);
    }

    /** As {@link #createIssuing(String)}; with {@code answering} false its requests (RA too) go unanswered. */
    public Issuer createIssuing(String name, boolean answering) {
        return createIssuing(name, answering, "ca-" + UUID.randomUUID());
    }

    /** As {@link #createIssuing(String, boolean)} with a chosen CA id (for configuration keyed by CA id). */
    public Issuer createIssuing(String name, boolean answering, String id) {
        Instant now = Instant.now();
        KeyPair keys = KeyAlgorithm.RSA_2048.generate();
        X509Certificate certificate = CaCertificateBuilder.issuing(CaSpec.of("CN=" + name + ",O=Stratus Test",
                KeyAlgorithm.RSA_2048, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1825))),
                keys.getPublic(), root, rootKeys.getPrivate());
        Issuer issuer = new Issuer(id, keys, certificate);
        if (answering) {
            issuers.put(issuer.id(), issuer);
        }
        Kafka.publish(SOURCE, new AuthorityCreatedEvent(tenant, issuer.id(), AuthorityKind.ISSUING, rootId, name,
                SubjectNames.toString(certificate.getSubjectX500Principal()), AuthorityStatus.ACTIVE,
                Pem.encode(certificate), Pem.encode(List.of(certificate, root)),
                certificate.getNotAfter().toInstant()));
        return issuer;
    }

    /**
     * A renewed certificate of an issuing CA (same id and subject, new validity), with a new key pair or the
     * same one; not announced yet.
     */
    public Issuer renewedCertificate(Issuer issuer, boolean newKey) {
        Instant now = Instant.now();
        KeyPair keys = newKey ? KeyAlgorithm.RSA_2048.generate() : issuer.keys();
        X509Certificate certificate = CaCertificateBuilder.issuing(CaSpec.of(
                SubjectNames.toString(issuer.certificate().getSubjectX500Principal()), KeyAlgorithm.RSA_2048,
                now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofDays(2000))), keys.getPublic(), root,
                rootKeys.getPrivate());
        return new Issuer(issuer.id(), keys, certificate);
    }

    /** Publishes AuthorityRenewed ANNOUNCED for a renewed certificate; the current one keeps signing. */
    public void announce(Issuer next, int generation, boolean newKey) {
        publishRenewal(next, generation, io.stratus.events.AuthorityRenewedEvent.RenewalPhase.ANNOUNCED, newKey);
    }

    /** From now on requests to this CA are signed with {@code next}'s key; publishes AuthorityRenewed ACTIVE. */
    public void activate(Issuer next, int generation, boolean newKey) {
        issuers.put(next.id(), next);
        publishRenewal(next, generation, io.stratus.events.AuthorityRenewedEvent.RenewalPhase.ACTIVE, newKey);
    }

    /** Publishes AuthorityRenewed as ca-service would (also for late or repeated events in tests). */
    public void publishRenewal(Issuer next, int generation, io.stratus.events.AuthorityRenewedEvent.RenewalPhase phase,
            boolean newKey) {
        Kafka.publish(SOURCE, new io.stratus.events.AuthorityRenewedEvent(tenant, next.id(), generation, phase, newKey,
                Pem.encode(next.certificate()), Pem.encode(List.of(next.certificate(), root)),
                next.certificate().getNotBefore().toInstant(), next.certificate().getNotAfter().toInstant()));
    }

    /** Publishes AuthorityCreated again for a CA (a late or repeated delivery). */
    public void republishCreated(Issuer issuer, String name) {
        Kafka.publish(SOURCE, new AuthorityCreatedEvent(tenant, issuer.id(), AuthorityKind.ISSUING, rootId, name,
                SubjectNames.toString(issuer.certificate().getSubjectX500Principal()), AuthorityStatus.ACTIVE,
                Pem.encode(issuer.certificate()), Pem.encode(List.of(issuer.certificate(), root)),
                issuer.certificate().getNotAfter().toInstant()));
    }

    public void changeStatus(Issuer issuer, AuthorityStatus status) {
        Kafka.publish(SOURCE, new AuthorityStatusChangedEvent(tenant, issuer.id(), status, "test"));
    }

    /** Requests from this device are held until {@link #release(String)}. */
    public void silence(String deviceId) {
        silencedDevices.add(deviceId);
    }

    /** Requests from this device are answered again (held ones stay held until released). */
    public void unsilence(String deviceId) {
        silencedDevices.remove(deviceId);
    }

    /**
     * Certificates for this device are issued as if 90% of their validity had passed (same lifetime, shifted into
     * the past), so they are inside a 20% renewal window at once.
     */
    public void issueAged(String deviceId) {
        agedDevices.add(deviceId);
    }

    /** Requests from this device are refused with CertificateRejected. */
    public void refuse(String deviceId) {
        refusedDevices.add(deviceId);
    }

    /** Requests from this device are answered again after {@link #refuse(String)}. */
    public void accept(String deviceId) {
        refusedDevices.remove(deviceId);
    }

    /** Answers a held request. */
    public void release(String transactionId) {
        CertificateRequestedEvent request = Await.value("the held request " + transactionId,
                () -> held.remove(transactionId));
        issue(request);
    }

    /**
     * Drops a held request without answering it, as if its CertificateRequested had never reached the CA
     * (published after the database commit and lost). It still counts in {@link #requestsFor}.
     */
    public void discard(String transactionId) {
        Await.value("the held request " + transactionId, () -> held.remove(transactionId));
    }

    /** How many certificates this CA signed for a transaction id. */
    public long issuedFor(String transactionId) {
        return issuedTransactions.stream().filter(transactionId::equals).count();
    }

    /** Answers every held request of a device; returns how many. */
    public int releaseDevice(String deviceId) {
        int released = 0;
        for (CertificateRequestedEvent request : List.copyOf(held.values())) {
            if (request.deviceId().equals(deviceId) && held.remove(request.transactionId(), request)) {
                issue(request);
                released++;
            }
        }
        return released;
    }

    /** The CertificateRequested of a transaction as it travelled on Kafka (the last one seen), or null. */
    public String rawRequest(String transactionId) {
        return rawRequests.get(transactionId);
    }

    /** Every CertificateRequested seen, in order. */
    public List<CertificateRequestedEvent> received() {
        return new ArrayList<>(received);
    }

    /** The distinct transaction ids of the RA certificate requests received for a CA, oldest first. */
    public List<String> raTransactions(String authorityId) {
        return received.stream().filter(r -> r.purpose() == io.stratus.events.RequestPurpose.RA
                && r.authorityId().equals(authorityId)).map(CertificateRequestedEvent::transactionId).distinct().toList();
    }

    public long requestsFor(String transactionId) {
        return received.stream().filter(r -> r.transactionId().equals(transactionId)).count();
    }

    private void answer(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    handle(record.value());
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                System.err.println("test CA stopped: " + e);
                e.printStackTrace();
            }
        }
    }

    private void handle(String value) {
        CloudEvent event = EventCodec.decode(value);
        if (!(event.data() instanceof CertificateRequestedEvent)) {
            return;
        }
        CertificateRequestedEvent request = (CertificateRequestedEvent) event.data();
        if (!tenant.equals(request.tenant()) || !issuers.containsKey(request.authorityId())) {
            return;
        }
        received.add(request);
        rawRequests.put(request.transactionId(), value);
        if (silencedDevices.contains(request.deviceId())) {
            held.put(request.transactionId(), request);
        } else if (refusedDevices.contains(request.deviceId())) {
            Kafka.publish(SOURCE, new CertificateRejectedEvent(tenant, request.transactionId(),
                    request.authorityId(), request.deviceId(), request.assignmentId(), request.profileId(),
                    request.purpose(), "POLICY_VIOLATION", "refused by the test CA"));
        } else {
            issue(request);
        }
    }

    private void issue(CertificateRequestedEvent request) {
        Issuer issuer = issuers.get(request.authorityId());
        java.security.PublicKey requestedKey = Pem.publicKey(Base64.getDecoder().decode(request.publicKey()));
        IssuancePolicy policy = request.policy();
        Instant now = Instant.now();
        Duration lifetime = Duration.ofDays(policy.validityDays());
        boolean aged = agedDevices.contains(request.deviceId());
        Instant notBefore = aged ? now.minus(lifetime.multipliedBy(9).dividedBy(10)) : now.minus(Duration.ofMinutes(5));
        Instant notAfter = aged ? notBefore.plus(lifetime) : now.plus(lifetime);
        if (notAfter.isAfter(issuer.certificate().getNotAfter().toInstant())) {
            notAfter = issuer.certificate().getNotAfter().toInstant();
        }
        List<San> sans = new ArrayList<>();
        if (policy.subjectAltNames() != null) {
            for (SubjectAltName san : policy.subjectAltNames()) {
                sans.add(new San(San.Type.valueOf(san.type().name()), san.value()));
            }
        }
        LeafSpec spec = new LeafSpec(policy.subject(), sans, policy.extendedKeyUsages(), policy.keyUsages(),
                notBefore, notAfter, null, null, null, null);
        X509Certificate certificate = LeafCertificateSigner.sign(spec, requestedKey, issuer.certificate(),
                issuer.keys().getPrivate());
        issuedTransactions.add(request.transactionId());
        Kafka.publish(SOURCE, new CertificateIssuedEvent(tenant, request.transactionId(), request.authorityId(),
                request.deviceId(), request.assignmentId(), request.profileId(), request.purpose(),
                Serials.hex(certificate.getSerialNumber()), SubjectNames.toString(certificate.getSubjectX500Principal()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                Base64.getEncoder().encodeToString(Pem.der(certificate))));
    }

    /**
     * A leaf certificate signed by an issuing CA but never announced with CertificateIssued (so
     * enrollment-service did not hand it out).
     */
    public X509Certificate signUnannounced(Issuer issuer, java.security.PublicKey key, String subject) {
        Instant now = Instant.now();
        LeafSpec spec = new LeafSpec(subject, List.of(), List.of("1.3.6.1.5.5.7.3.2"),
                List.of("digitalSignature", "keyEncipherment"), now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(30)), null, null, null, null);
        return LeafCertificateSigner.sign(spec, key, issuer.certificate(), issuer.keys().getPrivate());
    }

    /** Announces that a certificate was revoked (serial as given, any hex form). */
    public void revoke(Issuer issuer, String serialHex, String deviceId) {
        Kafka.publish(SOURCE, new io.stratus.events.CertificateRevokedEvent(tenant, issuer.id(), serialHex, deviceId,
                "keyCompromise", Instant.now()));
    }

    /**
     * Signs CRL {@code number} of {@code issuer} (with {@code signingKey}, normally the issuer's own), serves it where
     * enrollment-service downloads CRLs ({@code stratus.enrollment.crl-base-url}) at {@link #crlPath}, and announces
     * it with CrlPublished naming that address, as ca-service does.
     */
    public X509CRL publishCrl(Issuer issuer, long number, List<BigInteger> revoked, java.security.PrivateKey signingKey) {
        X509CRL crl = serveCrl(issuer, number, revoked, signingKey);
        announceCrl(issuer, number, crl, crlServer() + crlPath(issuer, number));
        return crl;
    }

    public X509CRL publishCrl(Issuer issuer, long number, List<BigInteger> revoked) {
        return publishCrl(issuer, number, revoked, issuer.keys().getPrivate());
    }

    /** Serves CRL {@code number} at {@link #crlPath} and announces it with CrlPublished naming {@code announcedUrl}. */
    public X509CRL publishCrlAnnouncedAt(Issuer issuer, long number, String announcedUrl) {
        X509CRL crl = serveCrl(issuer, number, List.of(), issuer.keys().getPrivate());
        announceCrl(issuer, number, crl, announcedUrl);
        return crl;
    }

    /**
     * Like {@link #publishCrl(Issuer, long, List)}, but the CRL's address answers 302 with another address that
     * serves it, as a server that moved (or one steering the fetch elsewhere) would.
     */
    public X509CRL publishCrlBehindRedirect(Issuer issuer, long number) {
        String path = crlPath(issuer, number);
        X509CRL crl = serveCrl(issuer, number, List.of(), issuer.keys().getPrivate());
        crlDocuments.put("/moved" + path, crlDocuments.remove(path));
        crlRedirects.put(path, crlServer() + "/moved" + path);
        announceCrl(issuer, number, crl, crlServer() + path);
        return crl;
    }

    /**
     * The path of CRL {@code number}: ca-service's {@code /pki/<tenant>/<ca>/crl/<key generation>}, with the CRL
     * number in place of the key generation so that a later CRL does not replace what an earlier event names.
     */
    public String crlPath(Issuer issuer, long number) {
        return "/pki/" + tenant + "/" + issuer.id() + "/crl/" + number;
    }

    /** How many times CRL {@code number} of {@code issuer} was downloaded (its body served), from its own or moved address. */
    public int crlFetches(Issuer issuer, long number) {
        String path = crlPath(issuer, number);
        return crlFetches.getOrDefault(path, 0) + crlFetches.getOrDefault("/moved" + path, 0);
    }

    private X509CRL serveCrl(Issuer issuer, long number, List<BigInteger> revoked, java.security.PrivateKey signingKey) {
        Instant now = Instant.now();
        List<Crls.RevokedEntry> entries = new ArrayList<>();
        for (BigInteger serial : revoked) {
            entries.add(new Crls.RevokedEntry(serial, now.minus(Duration.ofMinutes(1)), 1));
        }
        X509CRL crl = Crls.build(issuer.certificate(), signingKey, BigInteger.valueOf(number),
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(7)), entries);
        try {
            crlDocuments.put(crlPath(issuer, number), crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
        return crl;
    }

    private void announceCrl(Issuer issuer, long number, X509CRL crl, String url) {
        Kafka.publish(SOURCE, new CrlPublishedEvent(tenant, issuer.id(), number, url,
                crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()));
    }

    /** The CRL server, on the address enrollment-service is configured to download CRLs from. */
    private synchronized String crlServer() {
        if (crlServer == null) {
            URI base = URI.create(ConfigProvider.getConfig().getValue("stratus.enrollment.crl-base-url", String.class));
            try {
                crlServer = HttpServer.create(new InetSocketAddress(base.getHost(), base.getPort()), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the test CRL server cannot listen on " + base, e);
            }
            crlServer.createContext("/", exchange -> {
                String requested = exchange.getRequestURI().getPath();
                String movedTo = crlRedirects.get(requested);
                byte[] body = crlDocuments.get(requested);
                if (movedTo != null) {
                    exchange.getResponseHeaders().add("Location", movedTo);
                    exchange.sendResponseHeaders(302, -1);
                } else if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    crlFetches.merge(requested, 1, Integer::sum);
                    exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            crlServer.start();
        }
        return "http://" + crlServer.getAddress().getHostString() + ":" + crlServer.getAddress().getPort();
    }

    @Override
    public void close() {
        if (crlServer != null) {
            crlServer.stop(0);
        }
        running = false;
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
