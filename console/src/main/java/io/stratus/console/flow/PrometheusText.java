package io.stratus.console.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples of the Prometheus text exposition format (what {@code /q/metrics} and Kafka Exporter serve). */
final class PrometheusText {

    /**
     * One sample: a metric's name, its labels, its value, and when it was scraped if the text says so (Prometheus's
     * federation does; a service's own {@code /q/metrics} does not), in epoch milliseconds.
     */
    record Sample(String name, Map<String, String> labels, double value, Long timestamp) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private PrometheusText() {
    }

    /** Every sample of {@code text}; comments, blank and unreadable lines are skipped. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line.strip()));
            } catch (RuntimeException e) {
                // a line this reader does not understand (an exemplar, a timestamp format) is left out
            }
        }
        return samples;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTime = line.substring(rest).trim().split("\\s+");
        return new Sample(name, Map.copyOf(labels), Double.parseDouble(valueAndTime[0]),
                valueAndTime.length > 1 ? Long.valueOf(valueAndTime[1]) : null);
    }

    /** Reads {@code key="value",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // after ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
