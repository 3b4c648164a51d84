package io.stratus.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * PKCSReqs whose wait for the CA's answer ran out, summed over every enrollment-service replica of the stack, from
 * their {@code stratus_scep_reply_timeouts_total}: such a request is answered from the database after the reply
 * timeout (PENDING unless the outcome arrived meanwhile). Two samples around a bench give the count of its run.
 */
final class ScepReplyTimeouts {
    static final String METRIC = "stratus_scep_reply_timeouts_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ScepReplyTimeouts() {
    }

    /** The sum over the replicas, or -1 when a replica's metrics cannot be read. */
    static long total(StackConfig config) {
        long sum = 0;
        for (ServiceInstance replica : config.instances(Service.ENROLLMENT)) {
            long count = read(replica.baseUrl(config));
            if (count < 0) {
                return -1;
            }
            sum += count;
        }
        return sum;
    }

    private static long read(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? counter(response.body()) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The value of the counter in a Prometheus text exposition, or -1 when it is not there. */
    static long counter(String exposition) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(METRIC + " ") || line.startsWith(METRIC + "{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return -1;
    }
}
