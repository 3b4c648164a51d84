package io.stratus.console.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventFlowMathTest {

    private static final String KAFKA = """
            # HELP kafka_topic_partition_current_offset The newest offset of a partition.
            # TYPE kafka_topic_partition_current_offset gauge
            kafka_topic_partition_current_offset{topic="stratus.certificates.v1",partition="0"} 10
            kafka_topic_partition_current_offset{topic="stratus.certificates.v1",partition="1"} 5
            kafka_topic_partition_current_offset{topic="stratus.certificates.dlq.v1",partition="0"} 2
            kafka_consumergroup_current_offset{consumergroup="profile-service",topic="stratus.certificates.v1",partition="0"} 8
            kafka_consumergroup_lag{consumergroup="profile-service",topic="stratus.certificates.v1",partition="0"} 2
            kafka_consumergroup_lag{consumergroup="odd \\"name\\"",topic="stratus.certificates.v1",partition="1"} 1
            """;

    private static String services(double issued, double below50ms, double below100ms, double all) {
        return "stratus_certificates_issued_total{authority=\"a\",purpose=\"ENROLLMENT\"} " + issued + "\n"
                + "stratus_scep_pkioperation_seconds_bucket{outcome=\"success\",le=\"0.05\"} " + below50ms + "\n"
                + "stratus_scep_pkioperation_seconds_bucket{outcome=\"success\",le=\"0.1\"} " + below100ms + "\n"
                + "stratus_scep_pkioperation_seconds_bucket{outcome=\"success\",le=\"+Inf\"} " + all + "\n"
                + "stratus_scep_pkioperation_seconds_bucket{outcome=\"failure\",le=\"+Inf\"} 99\n";
    }

    @Test
    void kafkaExporterMetricsSumPerTopicAndPerGroup() {
        FlowSnapshot s = FlowSnapshot.of(Instant.EPOCH, PrometheusText.parse(KAFKA), List.of());
        assertEquals(Instant.EPOCH, s.at(), "without scrape times, the time the console read them");
        assertEquals(15L, s.topicEnds().get("stratus.certificates.v1"));
        assertEquals(2, s.topicPartitions().get("stratus.certificates.v1"));
        assertEquals(2L, s.topicEnds().get("stratus.certificates.dlq.v1"));
        assertEquals(2L, s.groupLag().get(new FlowSnapshot.GroupTopic("profile-service", "stratus.certificates.v1")));
        assertEquals(1L, s.groupLag().get(new FlowSnapshot.GroupTopic("odd \"name\"", "stratus.certificates.v1")));
        assertEquals(8L, s.groupCommitted().get(new FlowSnapshot.GroupTopic("profile-service", "stratus.certificates.v1")));
    }

    @Test
    void latencyQuantilesComeFromTheBucketsFilledBetweenTwoSamples() {
        FlowSnapshot before = FlowSnapshot.of(Instant.EPOCH, List.of(), PrometheusText.parse(services(10, 10, 10, 10)));
        // 20 more enrollments: 10 under 50 ms, 9 more under 100 ms, 1 slower; failures are not counted
        FlowSnapshot after = FlowSnapshot.of(Instant.EPOCH.plusSeconds(5), List.of(),
                PrometheusText.parse(services(30, 20, 29, 30)));
        assertEquals(30.0, after.issued());
        assertEquals(50.0, EventFlow.quantileMillis(before, after, 0.50));
        assertEquals(100.0, EventFlow.quantileMillis(before, after, 0.95));
        assertNull(EventFlow.quantileMillis(before, after, 0.99), "in the +Inf bucket: no bound to give");
        assertNull(EventFlow.quantileMillis(after, after, 0.5), "nothing finished in between");
    }

    /** Prometheus's /federate answer, as the console reads it in a cluster: every replica's series, with timestamps. */
    @Test
    void federatedSeriesOfSeveralReplicasAreSummed() {
        String federated = """
                # TYPE stratus_certificates_issued_total untyped
                stratus_certificates_issued_total{authority="a",instance="10.1.0.7:8080",pod="ca-service-1",purpose="DEVICE"} 40 1796700000000
                stratus_certificates_issued_total{authority="a",instance="10.1.0.9:8080",pod="ca-service-2",purpose="DEVICE"} 2 1796700000000
                # TYPE stratus_scep_pkioperation_seconds_bucket untyped
                stratus_scep_pkioperation_seconds_bucket{instance="10.1.0.8:8080",le="0.05",outcome="success"} 5 1796700000000
                stratus_scep_pkioperation_seconds_bucket{instance="10.1.0.10:8080",le="0.05",outcome="success"} 7 1796700000000
                # TYPE kafka_consumergroup_lag untyped
                kafka_consumergroup_lag{consumergroup="ca-service",instance="10.1.0.3:9404",partition="0",topic="stratus.enrollment.requests.v1"} 3 1796700000000
                """;
        FlowSnapshot s = FlowSnapshot.of(Instant.EPOCH, PrometheusText.parse(federated), PrometheusText.parse(federated));
        assertEquals(42.0, s.issued());
        assertEquals(Instant.ofEpochMilli(1796700000000L), s.at(), "rates are taken over Prometheus's scrape times");
        assertEquals(12.0, s.latencyBuckets().get(0.05));
        assertEquals(3L, s.groupLag().get(new FlowSnapshot.GroupTopic("ca-service", "stratus.enrollment.requests.v1")));
    }

    @Test
    void aChartScalesItsHighestValueToTheTop() {
        FlowView.Chart chart = EventFlow.chart(List.of(0.0, 5.0, 10.0));
        assertEquals("0.0,58.0 150.0,30.0 300.0,2.0", chart.points());
        assertEquals("10", chart.latest());
        assertTrue(EventFlow.chart(List.of()).empty());
    }
}
