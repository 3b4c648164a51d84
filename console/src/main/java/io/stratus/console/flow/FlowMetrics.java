package io.stratus.console.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.stratus.console.config.ConsoleConfig;

/**
 * Where the event flow's figures come from: the topics' offsets and the consumer groups' lag from Kafka Exporter's
 * metrics ({@code stratus.console.kafka-metrics-url}: Strimzi's Kafka Exporter in a cluster, the infra process
 * locally), issuance and SCEP latency from ca-service's and enrollment-service's {@code /q/metrics} or, with several
 * replicas, from Prometheus ({@code stratus.console.service-metrics-url}).
 */
@ApplicationScoped
public class FlowMetrics {
    /** HTTP/1.1: the JDK client's h2c upgrade against a large metrics answer has broken off mid-body here. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    ConsoleConfig config;

    /** The figures now; an {@link IOException} names the endpoint that did not answer. */
    FlowSnapshot sample() throws IOException {
        return FlowSnapshot.of(Instant.now(), scrape(config.kafkaMetricsUrl().orElse(null)), services());
    }

    private List<PrometheusText.Sample> services() throws IOException {
        if (config.serviceMetricsUrl().isPresent()) {
            return scrape(config.serviceMetricsUrl().get());
        }
        List<PrometheusText.Sample> all = new ArrayList<>(scrape(config.caUrl().resolve("/q/metrics")));
        all.addAll(scrape(config.enrollmentUrl().resolve("/q/metrics")));
        return all;
    }

    private List<PrometheusText.Sample> scrape(URI url) throws IOException {
        if (url == null) {
            return List.of();
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(url + " answered " + answer.statusCode());
            }
            return PrometheusText.parse(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw new IOException(url.getHost() + ":" + url.getPort() + url.getPath() + " did not answer ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

}
