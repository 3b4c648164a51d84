package io.stratus.console.flow;

import java.util.List;

/**
 * The event flow page's figures: per topic and per consumer group over the last interval, issuance, the SCEP
 * latency, and the recent history as chart lines. {@code seconds}: the interval the rates were measured over (0 on
 * the first look, when there is nothing to compare with yet).
 */
public record FlowView(double seconds, List<TopicRow> topics, List<GroupRow> groups, double issuedPerSecond,
        long issuedTotal, Double p50Millis, Double p95Millis, Chart issuance, Chart latency, Chart lag, String problem) {

    /** A topic: partitions, records ever written, records written per second, and its dead-letter topic's records. */
    public record TopicRow(String topic, int partitions, long end, double perSecond, long deadLetters) {
    }

    /** A consumer group on a topic: records not yet committed, records committed per second. */
    public record GroupRow(String group, String topic, long lag, double perSecond) {
    }

    /** The charts in the order the page shows them. */
    public List<TitledChart> charts() {
        return List.of(new TitledChart("Certificates signed per second", issuance),
                new TitledChart("SCEP enrollment p95 (ms)", latency), new TitledChart("Consumer lag (records)", lag));
    }

    /** A chart and what it shows. */
    public record TitledChart(String title, Chart chart) {
    }

    /** A line chart as an SVG polyline in a 300 x 60 box, with the latest and highest values. */
    public record Chart(String points, String latest, String highest) {
        public boolean empty() {
            return points.isEmpty();
        }
    }
}
