package io.stratus.platform.audit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The audit log of the service this runs in, where {@code stratus.audit.enabled=true} (a build-time property; the
 * service also serves {@link AuditResource}): named {@code stratus.audit.service} on the audit topic
 * ({@code ca-service}, ...), sealed under {@code stratus.<name>.audit-key} ({@code stratus.ca.audit-key},
 * {@code stratus.profile.audit-key}, {@code stratus.enrollment.audit-key}), one key per service.
 */
@ApplicationScoped
@IfBuildProperty(name = "stratus.audit.enabled", stringValue = "true")
public class AuditTrails {

    @Produces
    @Singleton
    AuditTrail trail(@ConfigProperty(name = "stratus.audit.service") String service, Pool pool) {
        String keyProperty = keyProperty(service);
        String key = ConfigProvider.getConfig().getOptionalValue(keyProperty, String.class).orElse(null);
        return new AuditTrail(service, AuditSeal.fromBase64(keyProperty, key), pool);
    }

    @Produces
    @Singleton
    AuditVerifier verifier(AuditTrail trail, AuditCheckpoints checkpoints) {
        return new AuditVerifier(trail, checkpoints);
    }

    /** {@code stratus.profile.audit-key} for {@code profile-service}. */
    static String keyProperty(String service) {
        return "stratus." + service.replaceFirst("-service$", "") + ".audit-key";
    }
}
