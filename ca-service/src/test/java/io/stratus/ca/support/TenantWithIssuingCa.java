package io.stratus.ca.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.stratus.events.Topics;

/**
 * A tenant of its own with a root and an issuing CA (RSA-2048, client authentication), and a reader of the
 * certificate events from the start: what the tests that send CertificateRequested through Kafka begin with.
 * Create it once the test's HTTP port is known (in a {@code @BeforeEach}, not a {@code @BeforeAll}).
 */
public final class TenantWithIssuingCa implements AutoCloseable {

    public final String tenant;
    public final String issuingId;
    public final TopicReader certificateEvents;

    private TenantWithIssuingCa(String tenant, String issuingId) {
        this.tenant = tenant;
        this.issuingId = issuingId;
        this.certificateEvents = new TopicReader(Topics.CERTIFICATES);
    }

    public static TenantWithIssuingCa create(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> root = CaApi.create(tenant, CaApi.rootBody(prefix + " Root", 10, "RSA_2048",
                List.of("CLIENT_AUTH")));
        String issuingId = (String) CaApi.create(tenant, CaApi.issuingBody((String) root.get("id"),
                prefix + " Issuing", 2, "RSA_2048", List.of("CLIENT_AUTH"))).get("id");
        return new TenantWithIssuingCa(tenant, issuingId);
    }

    @Override
    public void close() {
        certificateEvents.close();
    }
}
