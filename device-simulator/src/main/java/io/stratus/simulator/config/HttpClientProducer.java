package io.stratus.simulator.config;

import java.net.http.HttpClient;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One shared HTTP/1.1 client (keep-alive connection pool) for profile-service and SCEP calls. */
public class HttpClientProducer {

    @Produces
    @Singleton
    HttpClient httpClient(SimulatorConfig config) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
