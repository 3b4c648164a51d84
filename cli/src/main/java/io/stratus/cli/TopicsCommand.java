package io.stratus.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;

import io.stratus.events.Topics;
import io.stratus.testkit.KafkaCredentials;
import io.stratus.testkit.kafka.TopicSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stratus topics}: the event flow as the broker sees it (docs/monitoring.md). Asks Kafka's Admin API as its
 * administrator: the local stack's ({@code .stratus/kafka/stratus-admin.password}), or the one of
 * {@code STRATUS_KAFKA_ADMIN_USER}/{@code STRATUS_KAFKA_ADMIN_PASSWORD} for an existing broker.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "The Stratus topics on Kafka: partitions, records, produce rate and dead letters per topic; lag per partition and consume rate per consumer group. Rates are measured over --interval.")
final class TopicsCommand implements Callable<Integer> {
    static final int MAX_INTERVAL = 300;
    static final String CLEAR_SCREEN = "\033[H\033[2J";

    @ParentCommand
    Main main;

    @Option(names = "--json", description = "One JSON object per refresh, on one line.")
    boolean json;

    @Option(names = "--watch", description = "Refresh every --interval seconds until interrupted (Ctrl-C) or --count refreshes.")
    boolean watch;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "With --watch: stop after N refreshes (0: never, the default).")
    int count;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "3",
            description = "The window rates are measured over, and the refresh period of --watch (1-" + MAX_INTERVAL + ", default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka's address (default: $STRATUS_KAFKA_BOOTSTRAP, else the local stack's).")
    String bootstrap;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 1 || interval > MAX_INTERVAL || count < 0) {
            throw new IllegalArgumentException("--interval must be 1 to " + MAX_INTERVAL + " seconds and --count at least 0");
        }
        Map<String, String> env = main.env();
        StackConfig config = StackConfig.load(main.stackDir().stackFile(), env).orElseGet(StackConfig::defaults);
        String servers = bootstrap != null && !bootstrap.isBlank() ? bootstrap
                : env.getOrDefault(Main.ENV_KAFKA, config.kafkaBootstrap());
        KafkaCredentials admin = administrator(env, main.stackDir().kafkaData());
        try (Admin client = Admin.create(admin.clientConfig(servers))) {
            TopicSnapshot before = TopicSnapshot.take(client, Topics.allWithDeadLetters());
            int shown = 0;
            do {
                Thread.sleep(interval * 1000L);
                TopicSnapshot after = TopicSnapshot.take(client, Topics.allWithDeadLetters());
                show(TopicFlow.between(before, after));
                before = after;
                shown++;
            } while (watch && (count == 0 || shown < count));
        }
        return 0;
    }

    private void show(TopicFlow flow) {
        if (json) {
            main.out().println(flow.toJson().toString());
        } else {
            main.out().print((watch ? CLEAR_SCREEN : "") + flow.toTable());
        }
        main.out().flush();
    }

    /** An existing broker's administrator from the environment, else the local stack's. */
    static KafkaCredentials administrator(Map<String, String> env, Path localKafkaDir) {
        String password = env.get(Main.ENV_KAFKA_ADMIN_PASSWORD);
        if (password != null && !password.isBlank()) {
            return InfraStarter.externalKafkaAdmin(env);
        }
        if (!Files.exists(localKafkaDir.resolve(KafkaCredentials.ADMIN + ".password"))) {
            throw new StackException("no Kafka administrator password in " + localKafkaDir + ": start the local stack"
                    + " (./stratus up), or set " + Main.ENV_KAFKA_ADMIN_PASSWORD + " for an existing broker");
        }
        return KafkaCredentials.loadOrCreate(localKafkaDir, KafkaCredentials.ADMIN);
    }
}
