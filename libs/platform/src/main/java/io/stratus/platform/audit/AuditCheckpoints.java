package io.stratus.platform.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.stratus.events.AuditRecordedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.Topics;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads back a tenant's newest AuditRecorded from {@code stratus.audit.v1}: the checkpoint kept outside the database
 * that audit verification compares the chain with. It reads the whole retained part of the tenant's partition (the
 * events are keyed by tenant), without a consumer group, on a worker thread, and takes the highest sequence among the
 * events whose seal is genuine: an event published with a made-up sequence, or copies of older genuine events
 * published after the newest one (through rows written into the outbox), do not hide it.
 */
@ApplicationScoped
public class AuditCheckpoints {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final Map<String, Object> kafka;
    private final Vertx vertx;

    public AuditCheckpoints(@Identifier("default-kafka-broker") Map<String, Object> kafka, Vertx vertx) {
        this.kafka = kafka;
        this.vertx = vertx;
    }

    /**
     * The tenant's newest checkpoint of this service that {@code genuine} accepts; if none is, the newest of all (the
     * caller reports it as unsealed); null if the topic holds none. Fails if Kafka cannot be read.
     */
    public Uni<AuditCheckpoint> newest(String tenant, String service, Predicate<AuditCheckpoint> genuine) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> read(tenant, service, genuine)));
    }

    private AuditCheckpoint read(String tenant, String service, Predicate<AuditCheckpoint> genuine) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-checkpoints");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.AUDIT, TIMEOUT);
            int partition = Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions.size();
            TopicPartition tenantPartition = new TopicPartition(Topics.AUDIT, partition);
            consumer.assign(List.of(tenantPartition));
            long begin = consumer.beginningOffsets(List.of(tenantPartition), TIMEOUT).get(tenantPartition);
            long end = consumer.endOffsets(List.of(tenantPartition), TIMEOUT).get(tenantPartition);
            consumer.seek(tenantPartition, begin);
            AuditCheckpoint newestGenuine = null;
            AuditCheckpoint newestAny = null;
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (consumer.position(tenantPartition, TIMEOUT) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + Topics.AUDIT + " took longer than " + READ_LIMIT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))
                        .records(tenantPartition)) {
                    AuditCheckpoint checkpoint = record.offset() < end && tenant.equals(record.key())
                            ? checkpoint(record.value(), tenant, service) : null;
                    if (checkpoint == null) {
                        continue;
                    }
                    newestAny = newer(newestAny, checkpoint);
                    if (genuine.test(checkpoint)) {
                        newestGenuine = newer(newestGenuine, checkpoint);
                    }
                }
            }
            return newestGenuine != null ? newestGenuine : newestAny;
        }
    }

    private static AuditCheckpoint newer(AuditCheckpoint current, AuditCheckpoint candidate) {
        return current == null || candidate.sequence() > current.sequence() ? candidate : current;
    }

    /** The event's checkpoint if it is an AuditRecorded of this tenant and service, else null. */
    private static AuditCheckpoint checkpoint(String payload, String tenant, String service) {
        try {
            CloudEvent event = EventCodec.decodeKnown(payload).orElse(null);
            return event != null && event.data() instanceof AuditRecordedEvent recorded
                    && tenant.equals(recorded.tenant()) && service.equals(recorded.service())
                            ? new AuditCheckpoint(recorded.sequence(), recorded.hash(), recorded.mac()) : null;
        } catch (RuntimeException malformed) {
            return null; // not an event of ours: no checkpoint
        }
    }
}
