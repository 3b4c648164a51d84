package io.stratus.profile.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Routes the custom-method URLs {@code .../devices:import} and {@code .../users:import} (Google API style) to
 * the JAX-RS methods at {@code .../devices/import} and {@code .../users/import}: RESTEasy Reactive does not
 * match a path segment that extends a resource's literal segment ({@code devices} vs {@code devices:import}).
 */
@ApplicationScoped
public class CustomMethodPaths {

    private static final Pattern IMPORT = Pattern.compile("^(/api/v1/tenants/[^/]+/(?:devices|users))(?::|%3A|%3a)import$");

    void register(@Observes Filters filters) {
        filters.register(context -> {
            Matcher matcher = IMPORT.matcher(context.normalizedPath());
            if (matcher.matches()) {
                String query = context.request().query();
                context.reroute(matcher.group(1) + "/import" + (query == null ? "" : "?" + query));
            } else {
                context.next();
            }
        }, 1000);
    }
}
