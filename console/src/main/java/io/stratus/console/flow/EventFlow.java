package io.stratus.console.flow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleBiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.stratus.console.config.ConsoleConfig;
import io.stratus.events.Topics;

/**
 * The event flow over the last ten minutes: samples of {@link FlowMetrics}, taken when the page is asked for (at most
 * every two seconds), turned into rates, latency quantiles and chart lines.
 */
@ApplicationScoped
public class EventFlow {
    private static final Logger LOG = Logger.getLogger(EventFlow.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
    private static final Duration KEPT = Duration.ofMinutes(10);
    private static final List<String> DEAD_LETTER_TOPICS = Topics.ALL.stream().map(Topics::deadLetter).toList();

    private final Deque<FlowSnapshot> history = new ArrayDeque<>();
    private final AtomicBoolean sampling = new AtomicBoolean();
    /** When the metrics were last read (the samples' own times may be older: Prometheus's scrapes). */
    private Instant lastRead = Instant.EPOCH;

    @Inject
    ConsoleConfig config;
    @Inject
    FlowMetrics metrics;

    /**
     * The figures now: a new sample if the last is older than two seconds (taken by one request at a time, outside
     * the lock, so other viewers are answered from what is kept meanwhile), then the view of what is kept.
     */
    public FlowView view() {
        String problem = null;
        if (due() && sampling.compareAndSet(false, true)) {
            try {
                keep(metrics.sample());
            } catch (IOException e) {
                problem = e.getMessage();
                LOG.warnf("the event flow's metrics could not be read: %s", problem);
            } finally {
                sampling.set(false);
            }
        }
        if (problem == null && config.kafkaMetricsUrl().isEmpty()) {
            problem = "stratus.console.kafka-metrics-url is not set: topics and consumer lag are unknown";
        }
        synchronized (history) {
            return render(problem);
        }
    }

    private boolean due() {
        synchronized (history) {
            return Duration.between(lastRead, Instant.now()).compareTo(MIN_INTERVAL) >= 0;
        }
    }

    /** Keeps a snapshot with new figures; one that is no newer than the last (Prometheus has not scraped since) is left out. */
    private void keep(FlowSnapshot fresh) {
        synchronized (history) {
            lastRead = Instant.now();
            if (!history.isEmpty() && !fresh.at().isAfter(history.getLast().at())) {
                return;
            }
            history.addLast(fresh);
            while (history.size() > 2 && Duration.between(history.getFirst().at(), fresh.at()).compareTo(KEPT) > 0) {
                history.removeFirst();
            }
        }
    }

    private FlowView render(String problem) {
        if (history.isEmpty()) {
            return new FlowView(0, List.of(), List.of(), 0, 0, null, null, chart(List.of()), chart(List.of()),
                    chart(List.of()), problem);
        }
        Iterator<FlowSnapshot> newestFirst = history.descendingIterator();
        FlowSnapshot last = newestFirst.next();
        FlowSnapshot previous = newestFirst.hasNext() ? newestFirst.next() : null;
        double seconds = previous == null ? 0 : Duration.between(previous.at(), last.at()).toMillis() / 1000.0;
        List<FlowView.TopicRow> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            long end = last.topicEnds().getOrDefault(topic, 0L);
            topics.add(new FlowView.TopicRow(topic, last.topicPartitions().getOrDefault(topic, 0), end,
                    rate(end, previous == null ? null : previous.topicEnds().get(topic), seconds),
                    last.topicEnds().getOrDefault(Topics.deadLetter(topic), 0L)));
        }
        List<FlowView.GroupRow> groups = new ArrayList<>();
        last.groupLag().forEach((key, lag) -> {
            if (!DEAD_LETTER_TOPICS.contains(key.topic())) {
                long committed = last.groupCommitted().getOrDefault(key, 0L);
                groups.add(new FlowView.GroupRow(key.group(), key.topic(), lag, rate(committed,
                        previous == null ? null : previous.groupCommitted().get(key), seconds)));
            }
        });
        double issuedPerSecond = previous == null || seconds == 0 ? 0 : Math.max(0, last.issued() - previous.issued()) / seconds;
        return new FlowView(seconds, topics, groups, issuedPerSecond, (long) last.issued(),
                previous == null ? null : quantileMillis(previous, last, 0.50),
                previous == null ? null : quantileMillis(previous, last, 0.95),
                chart(series((a, b) -> Math.max(0, b.issued() - a.issued()) / interval(a, b))),
                chart(series((a, b) -> {
                    Double p95 = quantileMillis(a, b, 0.95);
                    return p95 == null ? 0 : p95;
                })),
                chart(series((a, b) -> b.groupLag().values().stream().mapToLong(Long::longValue).sum())), problem);
    }

    /** One value per pair of consecutive samples, oldest first. */
    private List<Double> series(ToDoubleBiFunction<FlowSnapshot, FlowSnapshot> value) {
        List<Double> values = new ArrayList<>();
        FlowSnapshot before = null;
        for (FlowSnapshot s : history) {
            if (before != null) {
                values.add(value.applyAsDouble(before, s));
            }
            before = s;
        }
        return values;
    }

    private static double interval(FlowSnapshot a, FlowSnapshot b) {
        return Math.max(0.001, Duration.between(a.at(), b.at()).toMillis() / 1000.0);
    }

    private static double rate(long now, Long before, double seconds) {
        return before == null || seconds <= 0 ? 0 : Math.max(0, now - before) / seconds;
    }

    /**
     * The quantile of the PKIOperations that finished between two samples, from the difference of their cumulative
     * buckets: the upper bound of the first bucket that holds it (the histogram's resolution), or null without any.
     */
    static Double quantileMillis(FlowSnapshot before, FlowSnapshot after, double quantile) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.latencyBuckets().forEach((le, count) -> delta.put(le, count - before.latencyBuckets().getOrDefault(le, 0.0)));
        double total = delta.isEmpty() ? 0 : delta.lastEntry().getValue();
        if (total <= 0) {
            return null;
        }
        for (Map.Entry<Double, Double> bucket : delta.entrySet()) {
            if (bucket.getValue() >= quantile * total) {
                return bucket.getKey().isInfinite() ? null : bucket.getKey() * 1000;
            }
        }
        return null;
    }

    /** An SVG polyline of the values in a 300 x 60 box (the highest value at the top). */
    static FlowView.Chart chart(List<Double> values) {
        if (values.isEmpty()) {
            return new FlowView.Chart("", "", "");
        }
        double highest = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double scale = highest <= 0 ? 0 : 56 / highest;
        StringBuilder points = new StringBuilder();
        double step = values.size() == 1 ? 0 : 300.0 / (values.size() - 1);
        for (int i = 0; i < values.size(); i++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", i * step, 58 - values.get(i) * scale));
        }
        return new FlowView.Chart(points.toString().trim(), number(values.get(values.size() - 1)), number(highest));
    }

    private static String number(double value) {
        return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
