package io.stratus.ca.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.service.audit.AuditCheckpoint;
import io.stratus.events.AuditRecordedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.Topics;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads back the newest AuditRecorded of a tenant from {@code stratus.audit.v1}: the checkpoint kept outside the
 * database that audit verification compares the chain with. It reads the tenant's partition (the events are keyed by
 * tenant) from the end backwards, without a consumer group, on a worker thread.
 */
@ApplicationScoped
public class AuditCheckpoints {

    static final int STEP = 1000;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafka;
    private final Vertx vertx;

    public AuditCheckpoints(@Identifier("default-kafka-broker") Map<String, Object> kafka, Vertx vertx) {
        this.kafka = kafka;
        this.vertx = vertx;
    }

    /** The tenant's newest checkpoint of this service, or null if the topic holds none; fails if Kafka cannot be read. */
    public Uni<AuditCheckpoint> newest(String tenant, String service) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> read(tenant, service)));
    }

    private AuditCheckpoint read(String tenant, String service) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-checkpoints");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AUDIT, TIMEOUT);
            int partition = Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions.size();
            TopicPartition tenantPartition = new TopicPartition(Topics.AUDIT, partition);
            consumer.assign(List.of(tenantPartition));
            long begin = consumer.beginningOffsets(List.of(tenantPartition), TIMEOUT).get(tenantPartition);
            long end = consumer.endOffsets(List.of(tenantPartition), TIMEOUT).get(tenantPartition);
            for (long to = end; to > begin; to -= STEP) {
                long from = Math.max(begin, to - STEP);
                AuditCheckpoint newest = newestBetween(consumer, tenantPartition, from, to, tenant, service);
                if (newest != null) {
                    return newest;
                }
            }
            return null;
        }
    }

    /** The tenant's newest checkpoint among the offsets [from, to), or null. */
    private static AuditCheckpoint newestBetween(KafkaConsumer<String, String> consumer, TopicPartition partition,
            long from, long to, String tenant, String service) {
        consumer.seek(partition, from);
        AuditCheckpoint newest = null;
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (consumer.position(partition, TIMEOUT) < to) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reading " + Topics.AUDIT + " took longer than " + TIMEOUT);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
                if (record.offset() >= to || !tenant.equals(record.key())) {
                    continue;
                }
                AuditRecordedEvent event = recorded(record.value());
                if (event != null && tenant.equals(event.tenant()) && service.equals(event.service())
                        && (newest == null || event.sequence() > newest.sequence())) {
                    newest = new AuditCheckpoint(event.sequence(), event.hash(), event.mac());
                }
            }
        }
        return newest;
    }

    private static AuditRecordedEvent recorded(String payload) {
        try {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            return event != null && event.data() instanceof AuditRecordedEvent recorded ? recorded : null;
        } catch (RuntimeException malformed) {
            return null; // not an event of ours: no checkpoint
        }
    }
}
