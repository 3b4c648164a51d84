package io.stratus.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stratus.events.Topics;
import io.stratus.testkit.kafka.TopicSnapshot;

/**
 * The event flow between two {@link TopicSnapshot}s: per Stratus topic its partitions, retained records, end offset,
 * records produced in the window and per second, and its dead-letter topic's retained records; per consumer group and
 * topic its lag (latest minus committed offset, summed and per partition) and records consumed per second.
 */
record TopicFlow(double seconds, List<TopicRow> topics, List<GroupRow> groups) {

    record TopicRow(String topic, int partitions, long records, long endOffset, long produced, double producedPerSecond,
            String deadLetterTopic, long deadLetters) {
    }

    record GroupRow(String group, String topic, long lag, Map<Integer, Long> lagByPartition, long consumed,
            double consumedPerSecond) {
    }

    static TopicFlow between(TopicSnapshot before, TopicSnapshot after) {
        double seconds = Math.max(0.001, Duration.between(before.at(), after.at()).toMillis() / 1000.0);
        List<TopicRow> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            long end = sum(after.latest(), topic);
            long produced = end - sum(before.latest(), topic);
            String deadLetter = Topics.deadLetter(topic);
            topics.add(new TopicRow(topic, after.partitions().getOrDefault(topic, 0),
                    end - sum(after.earliest(), topic), end, produced, produced / seconds, deadLetter,
                    sum(after.latest(), deadLetter) - sum(after.earliest(), deadLetter)));
        }
        List<GroupRow> groups = new ArrayList<>();
        after.committed().forEach((group, positions) -> {
            Map<String, Map<Integer, Long>> lagByTopic = new TreeMap<>();
            positions.forEach((partition, offset) -> lagByTopic.computeIfAbsent(partition.topic(), t -> new TreeMap<>())
                    .put(partition.partition(), after.lag(group, partition)));
            lagByTopic.forEach((topic, lags) -> {
                long consumed = committedOn(after, group, topic) - committedOn(before, group, topic);
                groups.add(new GroupRow(group, topic, lags.values().stream().mapToLong(Long::longValue).sum(), lags,
                        consumed, consumed / seconds));
            });
        });
        return new TopicFlow(seconds, topics, groups);
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long committedOn(TopicSnapshot snapshot, String group, String topic) {
        return sum(snapshot.committed().getOrDefault(group, Map.of()), topic);
    }

    /** One JSON object: {@code window_seconds}, {@code topics} and {@code groups}. */
    ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("window_seconds", round(seconds));
        var topicArray = root.putArray("topics");
        for (TopicRow t : topics) {
            ObjectNode n = topicArray.addObject();
            n.put("topic", t.topic());
            n.put("partitions", t.partitions());
            n.put("records", t.records());
            n.put("end_offset", t.endOffset());
            n.put("produced", t.produced());
            n.put("produced_per_second", round(t.producedPerSecond()));
            n.put("dead_letter_topic", t.deadLetterTopic());
            n.put("dead_letters", t.deadLetters());
        }
        var groupArray = root.putArray("groups");
        for (GroupRow g : groups) {
            ObjectNode n = groupArray.addObject();
            n.put("group", g.group());
            n.put("topic", g.topic());
            n.put("lag", g.lag());
            ObjectNode byPartition = n.putObject("lag_by_partition");
            g.lagByPartition().forEach((partition, lag) -> byPartition.put(Integer.toString(partition), lag));
            n.put("consumed", g.consumed());
            n.put("consumed_per_second", round(g.consumedPerSecond()));
        }
        return root;
    }

    /** Two tables; the name columns are as wide as the longest name. */
    String toTable() {
        int topicWidth = Math.max(5, topics.stream().mapToInt(t -> t.topic().length()).max().orElse(0));
        int groupWidth = Math.max(5, groups.stream().mapToInt(g -> g.group().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String topicLine = "%-" + topicWidth + "s %5s %10s %10s %9s %8s%n";
        out.append(String.format(topicLine, "TOPIC", "PARTS", "RECORDS", "END", "IN/S", "DLQ"));
        for (TopicRow t : topics) {
            out.append(String.format("%-" + topicWidth + "s %5d %10d %10d %9.1f %8d%n", t.topic(), t.partitions(),
                    t.records(), t.endOffset(), t.producedPerSecond(), t.deadLetters()));
        }
        out.append('\n');
        out.append(String.format("%-" + groupWidth + "s %-" + topicWidth + "s %8s %9s  %s%n", "GROUP", "TOPIC", "LAG",
                "OUT/S", "LAG BY PARTITION"));
        if (groups.isEmpty()) {
            out.append("(no consumer group has committed an offset on a Stratus topic)\n");
        }
        for (GroupRow g : groups) {
            out.append(String.format("%-" + groupWidth + "s %-" + topicWidth + "s %8d %9.1f  %s%n", g.group(),
                    g.topic(), g.lag(), g.consumedPerSecond(), lagList(g.lagByPartition())));
        }
        out.append(String.format("Rates over the last %.1f s.%n", seconds));
        return out.toString();
    }

    private static String lagList(Map<Integer, Long> lags) {
        StringBuilder list = new StringBuilder();
        lags.forEach((partition, lag) -> list.append(list.length() == 0 ? "" : " ").append(partition).append(':')
                .append(lag));
        return list.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
