package io.stratus.cli;

import picocli.CommandLine.Option;

/** What every ca-service verb ({@code ca ...}, {@code cert ...}, {@code audit ...}) shares: {@link ApiVerb} and the ca-service URL. */
abstract class AdminVerb extends ApiVerb {
    static final String ENV_CA_URL = "STRATUS_CA_URL";

    @Option(names = "--ca-url", paramLabel = "URL",
            description = "ca-service base URL (default: $STRATUS_CA_URL, else the local stack's, http://localhost:8081).")
    String caUrl;

    AdminClient client() {
        return new AdminClient(baseUrl(), resolveToken(), tenant);
    }

    String baseUrl() {
        return serviceUrl(caUrl, ENV_CA_URL, Service.CA);
    }
}
