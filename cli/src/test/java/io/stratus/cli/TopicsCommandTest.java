package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.events.Topics;
import io.stratus.testkit.KafkaBroker;
import io.stratus.testkit.SharedInfra;
import io.stratus.testkit.kafka.TopicSnapshot;

/** {@code stratus topics} against a real broker: records, produce counts, dead letters and a group's lag. */
class TopicsCommandTest {

    @TempDir
    Path stack;

    private final KafkaBroker kafka = SharedInfra.get().kafka();
    private final TopicPartition auditOne = new TopicPartition(Topics.AUDIT, 1);

    @Test
    void theFlowCountsWhatWasProducedTheDeadLettersAndWhatAGroupHasLeft() throws Exception {
        String group = "topics-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(config()); KafkaProducer<String, String> producer = producer()) {
            TopicSnapshot before = TopicSnapshot.take(admin, Topics.allWithDeadLetters());
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(Topics.AUDIT, 1, "tenant", "record " + i)).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.deadLetter(Topics.AUDIT), "tenant", "dead " + i)).get();
            }
            long end = admin.listOffsets(Map.of(auditOne, OffsetSpec.latest())).all().get().get(auditOne).offset();
            admin.alterConsumerGroupOffsets(group, Map.of(auditOne, new OffsetAndMetadata(end - 2))).all().get();
            TopicSnapshot after = TopicSnapshot.take(admin, Topics.allWithDeadLetters());

            TopicFlow flow = TopicFlow.between(before, after);
            assertEquals(Topics.ALL, flow.topics().stream().map(TopicFlow.TopicRow::topic).toList());
            TopicFlow.TopicRow audit = row(flow, Topics.AUDIT);
            assertEquals(4, audit.partitions());
            assertEquals(6, audit.produced());
            assertTrue(audit.producedPerSecond() > 0, "a rate over the window");
            assertTrue(audit.records() >= 6 && audit.endOffset() >= 6);
            assertEquals(2, audit.deadLetters() - row(TopicFlow.between(before, before), Topics.AUDIT).deadLetters());
            TopicFlow.GroupRow lagging = flow.groups().stream().filter(g -> g.group().equals(group)).findFirst()
                    .orElseThrow();
            assertEquals(Topics.AUDIT, lagging.topic());
            assertEquals(2, lagging.lag());
            assertEquals(Map.of(1, 2L), lagging.lagByPartition());
        }

        // the command, as an operator runs it against an existing broker
        CommandParsingTest.Result run = CommandParsingTest.run(environment(), "--dir", stack.toString(), "topics",
                "--json", "--interval", "1");
        assertEquals(0, run.code(), run.err());
        JsonNode shown = Json.MAPPER.readTree(run.out());
        assertEquals(Topics.ALL.size(), shown.path("topics").size());
        JsonNode lagging = null;
        for (JsonNode g : shown.path("groups")) {
            if (g.path("group").asText().equals(group)) {
                lagging = g;
            }
        }
        assertTrue(lagging != null, run.out());
        assertEquals(2, lagging.path("lag").asLong());
        assertEquals(2, lagging.path("lag_by_partition").path("1").asLong());

        CommandParsingTest.Result table = CommandParsingTest.run(environment(), "--dir", stack.toString(), "topics",
                "--watch", "--count", "2", "--interval", "1");
        assertEquals(0, table.code(), table.err());
        assertEquals(2, table.out().split(java.util.regex.Pattern.quote(TopicsCommand.CLEAR_SCREEN), -1).length - 1, "two refreshes");
        assertTrue(table.out().contains(group) && table.out().contains("1:2"), table.out());
    }

    @Test
    void withoutAStackOrAnAdministratorItSaysWhatIsMissing() {
        CommandParsingTest.Result run = CommandParsingTest.run(Map.of(), "--dir", stack.toString(), "topics");
        assertTrue(run.code() != 0 && run.err().contains("no Kafka administrator password"), run.err());
        CommandParsingTest.Result badInterval = CommandParsingTest.run(environment(), "--dir", stack.toString(),
                "topics", "--interval", "0");
        assertTrue(badInterval.code() != 0 && badInterval.err().contains("--interval must be"), badInterval.err());
    }

    private Map<String, String> environment() {
        return Map.of(Main.ENV_KAFKA, kafka.bootstrapServers(), Main.ENV_KAFKA_ADMIN_PASSWORD,
                kafka.adminCredentials().password());
    }

    private Map<String, Object> config() {
        return kafka.adminCredentials().clientConfig(kafka.bootstrapServers());
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> config = new HashMap<>(config());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static TopicFlow.TopicRow row(TopicFlow flow, String topic) {
        List<TopicFlow.TopicRow> rows = flow.topics().stream().filter(t -> t.topic().equals(topic)).toList();
        assertEquals(1, rows.size());
        return rows.get(0);
    }
}
