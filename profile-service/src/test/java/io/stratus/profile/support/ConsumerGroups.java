package io.stratus.profile.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import io.stratus.testkit.StratusTestResource;

/** Waits until a consumer group has committed everything in a topic, i.e. the service processed it. */
public final class ConsumerGroups {

    private static final Duration MAX_WAIT = Duration.ofSeconds(90);

    private ConsumerGroups() {
    }

    public static void awaitConsumed(String group, String topic) {
        try (Admin admin = Admin.create(StratusTestResource.fixtureKafkaConfig())) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean done = end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    return e.getValue().offset() == 0 || (offset != null && offset.offset() >= e.getValue().offset());
                });
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " did not consume " + topic + " within " + MAX_WAIT
                            + ": committed " + committed + ", end " + end);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }
}
