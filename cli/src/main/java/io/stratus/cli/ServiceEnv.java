package io.stratus.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stratus.testkit.DatabaseRoles;
import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.KafkaCredentials;

/** The environment each service starts with (keys from docs/architecture.md). */
final class ServiceEnv {

    private static final List<String> SETTING_PREFIXES = List.of("STRATUS_CA_", "STRATUS_ENROLLMENT_",
            "STRATUS_PROFILE_", "STRATUS_SIMULATOR_", "STRATUS_CONSOLE_");

    /**
     * The CLI's own variables, which no service needs and some of which are secrets: its token, the Kafka
     * administrator, the external broker and database, and where it finds each service.
     */
    static final Set<String> CLI_VARIABLES = Set.of(ApiVerb.ENV_TOKEN, Main.ENV_KAFKA, Main.ENV_KAFKA_ADMIN_USER,
            Main.ENV_KAFKA_ADMIN_PASSWORD, Main.ENV_DB_URL, AdminVerb.ENV_CA_URL, ProfileVerb.ENV_PROFILE_URL,
            "STRATUS_ENROLLMENT_URL");

    private ServiceEnv() {
    }

    /**
     * Whether an environment variable is a setting of a service ({@code STRATUS_CA_*}, {@code STRATUS_ENROLLMENT_*},
     * {@code STRATUS_PROFILE_*}, {@code STRATUS_SIMULATOR_*}), which the services of a local stack get; the CLI's
     * own variables (its token, the Kafka administrator, database URL, service URLs) are not, and a service never
     * sees them.
     */
    static boolean isServiceSetting(String name) {
        return SETTING_PREFIXES.stream().anyMatch(name::startsWith) && !CLI_VARIABLES.contains(name);
    }

    static Map<String, String> of(ServiceInstance instance, StackConfig c, Secrets secrets) {
        Service s = instance.service();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(instance.port(c)));
        env.put("QUARKUS_DEVSERVICES_ENABLED", "false");
        if (s == Service.CONSOLE) {
            env.put("STRATUS_CONSOLE_CA_URL", c.baseUrl(Service.CA));
            env.put("STRATUS_CONSOLE_PROFILE_URL", c.baseUrl(Service.PROFILE));
            env.put("STRATUS_CONSOLE_ENROLLMENT_URL", c.baseUrl(Service.ENROLLMENT));
            env.put("STRATUS_CONSOLE_SIGN_IN_DIR", secrets.dir().consoleSignIn().toString());
            // the infra process serves the topics' offsets and the consumer lag as Kafka Exporter does
            secrets.dir().lagMetricsUrl().ifPresent(url -> env.put("STRATUS_CONSOLE_KAFKA_METRICS_URL", url));
            return env;
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", c.kafkaBootstrap());
        KafkaCredentials kafkaUser = secrets.kafkaUser(s);
        env.put("STRATUS_KAFKA_USERNAME", kafkaUser.username());
        env.put("STRATUS_KAFKA_PASSWORD", kafkaUser.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", secrets.publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", JwtIssuer.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", JwtIssuer.AUDIENCE);
        if (s.database() != null) {
            DbUrl db = c.database();
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(s.database()));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(s.database()));
            if (c.externalDb() == null) {
                // the service connects as its application role; the owner runs the migrations (docs/security.md)
                DatabaseRoles roles = secrets.databaseRoles(s.database());
                env.put("QUARKUS_DATASOURCE_USERNAME", roles.app().user());
                env.put("QUARKUS_DATASOURCE_PASSWORD", roles.app().password());
                env.put("QUARKUS_FLYWAY_USERNAME", roles.owner().user());
                env.put("QUARKUS_FLYWAY_PASSWORD", roles.owner().password());
            } else {
                env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
                env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
            }
        }
        switch (s) {
            case CA -> {
                env.put("STRATUS_CA_KEK", secrets.kek("ca"));
                env.put("STRATUS_CA_AUDIT_KEY", secrets.auditKey("ca"));
                env.put("STRATUS_CA_PUBLIC_URL", c.baseUrl(Service.CA));
                env.put("STRATUS_CA_SCEP_URL", c.baseUrl(Service.ENROLLMENT) + "/scep");
            }
            case ENROLLMENT -> {
                env.put("STRATUS_ENROLLMENT_KEK", secrets.kek("enrollment"));
                env.put("STRATUS_ENROLLMENT_AUDIT_KEY", secrets.auditKey("enrollment"));
                env.put("STRATUS_ENROLLMENT_CRL_BASE_URL", c.baseUrl(Service.CA));
                // every simulated device sends from the loopback address: one address stands for the whole fleet
                env.put("STRATUS_ENROLLMENT_CLIENT_REFUSAL_EXEMPT", "127.0.0.1,0:0:0:0:0:0:0:1");
            }
            case SIMULATOR -> {
                env.put("STRATUS_SIMULATOR_PROFILE_URL", c.baseUrl(Service.PROFILE));
                env.put("STRATUS_SIMULATOR_TOKEN", secrets.simulatorToken());
                env.put("STRATUS_SIMULATOR_STATE_DIR", secrets.dir().simulatorState().toString());
                if (c.replicas() > 1) {
                    // no load balancer runs locally: the devices spread over the replicas themselves
                    env.put("STRATUS_SIMULATOR_SCEP_REPLICAS", String.join(",", c.instances(Service.ENROLLMENT).stream()
                            .map(replica -> replica.baseUrl(c)).toList()));
                }
            }
            case PROFILE -> {
                env.put("STRATUS_PROFILE_AUDIT_KEY", secrets.auditKey("profile"));
                // a local stack is for demos and tests, never production: profiles may certify for minutes
                env.put("STRATUS_PROFILE_SHORT_VALIDITY_ALLOWED", "true");
                // a deployment report over time that a demo can watch fill (the service's default is 15 minutes)
                env.put("STRATUS_PROFILE_REPORT_HISTORY_INTERVAL", "30s");
            }
        }
        return env;
    }
}
