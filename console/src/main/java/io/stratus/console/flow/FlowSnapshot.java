package io.stratus.console.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The event flow at one moment, from the metrics: per topic the sum of its partitions' newest offsets and the number
 * of partitions; per consumer group and topic the lag and the committed offsets; certificates signed so far, and the
 * SCEP PKIOperation latency histogram (cumulative bucket counts by upper bound).
 */
record FlowSnapshot(Instant at, Map<String, Long> topicEnds, Map<String, Integer> topicPartitions,
        Map<GroupTopic, Long> groupLag, Map<GroupTopic, Long> groupCommitted, double issued,
        TreeMap<Double, Double> latencyBuckets) {

    /** A consumer group on one topic: the key of its lag and committed offsets. */
    record GroupTopic(String group, String topic) implements Comparable<GroupTopic> {
        @Override
        public int compareTo(GroupTopic other) {
            int byGroup = group.compareTo(other.group);
            return byGroup != 0 ? byGroup : topic.compareTo(other.topic);
        }
    }

    /**
     * The figures of the samples; the snapshot's time is the newest scrape the samples name (Prometheus scrapes every
     * 15 s or so, and rates must be taken over its times, not over the console's), else {@code at}.
     */
    static FlowSnapshot of(Instant at, List<PrometheusText.Sample> kafka, List<PrometheusText.Sample> services) {
        long newest = Stream.concat(kafka.stream(), services.stream())
                .map(PrometheusText.Sample::timestamp).filter(Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(-1);
        Instant taken = newest >= 0 ? Instant.ofEpochMilli(newest) : at;
        Map<String, Long> ends = new TreeMap<>();
        Map<String, Integer> partitions = new TreeMap<>();
        Map<GroupTopic, Long> lag = new TreeMap<>();
        Map<GroupTopic, Long> committed = new TreeMap<>();
        for (PrometheusText.Sample s : kafka) {
            switch (s.name()) {
                case "kafka_topic_partition_current_offset" -> {
                    ends.merge(s.label("topic"), (long) s.value(), Long::sum);
                    partitions.merge(s.label("topic"), 1, Integer::sum);
                }
                case "kafka_consumergroup_lag" ->
                        lag.merge(new GroupTopic(s.label("consumergroup"), s.label("topic")), (long) s.value(), Long::sum);
                case "kafka_consumergroup_current_offset" ->
                        committed.merge(new GroupTopic(s.label("consumergroup"), s.label("topic")), (long) s.value(),
                                Long::sum);
                default -> {
                }
            }
        }
        double issued = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample s : services) {
            if (s.name().equals("stratus_certificates_issued_total")) {
                issued += s.value();
            } else if (s.name().equals("stratus_scep_pkioperation_seconds_bucket")
                    && s.label("outcome").equals("success")) {
                String le = s.label("le");
                buckets.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value(), Double::sum);
            }
        }
        return new FlowSnapshot(taken, ends, partitions, lag, committed, issued, buckets);
    }
}
