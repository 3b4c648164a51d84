package io.stratus.profile.rest;

import static io.stratus.profile.support.Api.admin;
import static io.stratus.profile.support.Api.base;
import static io.stratus.profile.support.Api.problem;
import static io.stratus.profile.support.Api.scepBody;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.crypto.CaCertificateBuilder;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.Topics;
import io.stratus.profile.support.Authorities;
import io.stratus.profile.support.ConsumerGroups;
import io.stratus.profile.support.TestCertificates;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;

/** SCEP profiles are checked against the issuing CA that ca-service announced on stratus.authorities.v1. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class AuthorityCheckTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";


    private final String tenant = "ca-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aProfileMustFitAnActiveIssuingCaOfTheTenant() {
        // an RSA-3072 issuing CA that allows client authentication only and ends in 100 days
        Instant now = Instant.now();
        KeyPair keys = KeyAlgorithm.RSA_3072.generate();
        X509Certificate ca = CaCertificateBuilder.issuing(new CaCertificateBuilder.CaSpec("CN=Strict Issuing,O=Contoso",
                KeyAlgorithm.RSA_3072, now, now.plus(100, ChronoUnit.DAYS), List.of(CLIENT_AUTH), null, null, null,
                null), keys.getPublic(), TestCertificates.get().root, TestCertificates.get().rootKeys.getPrivate());
        Authorities.announce(tenant, "strict", AuthorityKind.ISSUING, AuthorityStatus.ACTIVE, ca);
        Authorities.announce(tenant, "the-root", AuthorityKind.ROOT, AuthorityStatus.ACTIVE,
                TestCertificates.get().root);
        Authorities.announce(tenant + "-other", "theirs", AuthorityKind.ISSUING, AuthorityStatus.ACTIVE,
                TestCertificates.get().issuing);

        refuse(Map.of("authorityId", "nope"), "authorityId 'nope' is not a CA known in tenant " + tenant);
        refuse(Map.of("authorityId", "theirs"), "authorityId 'theirs' is not a CA known in tenant " + tenant);
        refuse(Map.of("authorityId", "the-root"), "is a ROOT CA; a SCEP profile needs an issuing CA");
        refuse(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 30, "extendedKeyUsages",
                List.of(CLIENT_AUTH, EMAIL_PROTECTION)),
                "extended key usage 1.3.6.1.5.5.7.3.4 is not on the issuing CA CN=Strict Issuing,O=Contoso");
        refuse(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 365),
                "validityDays 365 would pass the issuing CA's end of validity");
        refuse(Map.of("authorityId", "strict", "keySize", 2048, "validityDays", 30),
                "keySize 2048 is below the issuing CA's RSA 3072 bits");
        String id = admin().body(body(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 30)))
                .post(base(tenant) + "/profiles/scep").then().statusCode(201).extract().path("id");

        // a paused CA takes no new profiles and no edits; resumed, it does again
        Authorities.changeStatus(tenant, "strict", AuthorityStatus.PAUSED);
        refuse(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 30), "is PAUSED, not ACTIVE");
        problem(admin().body(body(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 30)))
                .put(base(tenant) + "/profiles/scep/" + id).then(), 400, "is PAUSED, not ACTIVE");
        Authorities.changeStatus(tenant, "strict", AuthorityStatus.ACTIVE);
        admin().body(body(Map.of("authorityId", "strict", "keySize", 4096, "validityDays", 30)))
                .put(base(tenant) + "/profiles/scep/" + id).then().statusCode(200);
    }

    @Test
    void aMessageThatIsNotAnEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String poison = "{\"not\": \"an authority " + UUID.randomUUID() + "\"}";
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter(Topics.AUTHORITIES));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        StratusTestResource.fixtureKafkaConfig(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUTHORITIES, "x", poison)).get(30, TimeUnit.SECONDS);
            // a later, valid event is still processed
            Authorities.announce(tenant, "after-poison", AuthorityKind.ISSUING, AuthorityStatus.ACTIVE,
                    TestCertificates.get().issuing);
            ConsumerGroups.awaitConsumed("profile-service", Topics.AUTHORITIES);
            assertTrue(deadLetters.readToEnd().stream().anyMatch(r -> poison.equals(r.value())),
                    "the malformed message went to the dead-letter topic");
        }
        admin().body(body(Map.of("authorityId", "after-poison"))).post(base(tenant) + "/profiles/scep").then()
                .statusCode(201);
    }

    private void refuse(Map<String, Object> changes, String detail) {
        problem(admin().body(body(changes)).post(base(tenant) + "/profiles/scep").then(), 400, detail);
    }

    private Map<String, Object> body(Map<String, Object> changes) {
        Map<String, Object> body = scepBody(tenant, List.of());
        body.putAll(changes);
        return body;
    }
}
