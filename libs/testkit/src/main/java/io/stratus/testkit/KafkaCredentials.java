package io.stratus.testkit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A SCRAM-SHA-512 user of the bus. Passwords are 32 characters of base64url, so they need no quoting in a JAAS line
 * or a SCRAM format argument.
 */
public record KafkaCredentials(String username, String password) {
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The broker's administrator (a super user): topics, users and ACLs; the tests' stand-in clients. */
    public static final String ADMIN = "stratus-admin";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public KafkaCredentials {
        if (!SAFE_NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a Kafka user name is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!SAFE_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the Kafka password of " + username
                    + " must be 16 to 128 letters, digits, '_' or '-'");
        }
    }

    /** A user with a fresh random password. */
    public static KafkaCredentials random(String username) {
        return new KafkaCredentials(username, randomPassword());
    }

    /** The user's password from {@code <dir>/<username>.password}, created (mode 0600) on first use. */
    public static KafkaCredentials loadOrCreate(Path dir, String username) {
        return new KafkaCredentials(username, SecretFiles.readOrCreate(dir.resolve(username + ".password"),
                KafkaCredentials::randomPassword));
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The client's {@code sasl.jaas.config} line. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** Settings for a Kafka client that connects to {@code bootstrapServers} as this user (SASL over loopback). */
    public Map<String, Object> clientConfig(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
    }

    @Override
    public String toString() {
        return "KafkaCredentials[" + username + "]";
    }
}
