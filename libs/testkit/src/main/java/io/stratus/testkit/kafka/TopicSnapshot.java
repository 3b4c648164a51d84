package io.stratus.testkit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says about the Stratus topics at one moment (Kafka Admin API): each partition's earliest and latest
 * offset, and each consumer group's committed offset on them. {@code stratus topics} compares two of them; the local
 * stack's {@link ConsumerLagMetrics} serves one per scrape.
 */
public record TopicSnapshot(Instant at, Map<String, Integer> partitions, Map<TopicPartition, Long> earliest,
        Map<TopicPartition, Long> latest, Map<String, Map<TopicPartition, Long>> committed) {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Reads the topics that exist among {@code topics} (a missing one has no partitions) and every consumer group. */
    public static TopicSnapshot take(Admin admin, Collection<String> topics) {
        Map<String, Integer> partitions = new TreeMap<>();
        List<TopicPartition> all = new ArrayList<>();
        Collection<String> existing = get(admin.listTopics().names());
        for (String topic : topics) {
            partitions.put(topic, 0);
        }
        List<String> present = topics.stream().filter(existing::contains).toList();
        for (TopicDescription description : get(admin.describeTopics(present).allTopicNames()).values()) {
            partitions.put(description.name(), description.partitions().size());
            description.partitions().forEach(p -> all.add(new TopicPartition(description.name(), p.partition())));
        }
        Map<TopicPartition, Long> earliest = offsets(admin, all, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, all, OffsetSpec.latest());
        Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        for (ConsumerGroupListing group : get(admin.listConsumerGroups().all())) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    get(admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata());
            offsets.forEach((partition, offset) -> {
                if (offset != null && partitions.containsKey(partition.topic())) {
                    positions.put(partition, offset.offset());
                }
            });
            if (!positions.isEmpty()) {
                committed.put(group.groupId(), positions);
            }
        }
        return new TopicSnapshot(Instant.now(), partitions, earliest, latest, committed);
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : get(admin.listOffsets(request).all()).entrySet()) {
            offsets.put(e.getKey(), e.getValue().offset());
        }
        return offsets;
    }

    /** Records a group has not committed yet on a partition (never negative; 0 where it committed nothing). */
    public long lag(String group, TopicPartition partition) {
        Long position = committed.getOrDefault(group, Map.of()).get(partition);
        return position == null ? 0 : Math.max(0, latest.getOrDefault(partition, 0L) - position);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while asking Kafka", e);
        } catch (ExecutionException e) {
            throw new KafkaAdminException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
