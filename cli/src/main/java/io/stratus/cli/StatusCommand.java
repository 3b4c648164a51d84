package io.stratus.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "What runs where. Exit code 0 if everything runs, 3 if not.")
final class StatusCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;

    @ParentCommand
    Main main;

    @Option(names = "--json", description = "Print one JSON object: base URLs, Kafka, database, a running flag per process.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        LocalStack stack = main.stack(main.err());
        StackConfig c = stack.config().orElseGet(StackConfig::defaults);
        Map<String, LocalStack.ProcessStatus> st = stack.statuses();
        boolean all = LocalStack.allRunning(c, st);
        if (json) {
            main.out().println(Json.MAPPER.writeValueAsString(toJson(stack.dir(), c, st, all)));
        } else {
            print(main.out(), stack.dir(), c, st);
        }
        return all ? 0 : NOT_RUNNING;
    }

    static ObjectNode toJson(StackDir dir, StackConfig c, Map<String, LocalStack.ProcessStatus> st, boolean all) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("dir", dir.root().toString());
        root.put("running", all);
        ObjectNode services = root.putObject("services");
        for (ServiceInstance s : c.instances()) {
            LocalStack.ProcessStatus p = st.get(s.name());
            ObjectNode n = services.putObject(s.name());
            n.put("url", s.baseUrl(c));
            n.put("running", p.running());
            n.put("ready", p.running() && HealthWaiter.ready(s.baseUrl(c)));
            if (p.running()) {
                n.put("pid", p.pid());
            }
        }
        root.put("kafka", c.kafkaBootstrap());
        root.put("database", c.database().display());
        LocalStack.ProcessStatus infra = st.get(StackDir.INFRA);
        ObjectNode i = root.putObject("infra");
        i.put("needed", c.needsInfra());
        i.put("running", infra.running());
        if (infra.running()) {
            i.put("pid", infra.pid());
        }
        i.put("externalKafka", c.externalKafka() != null);
        i.put("externalDatabase", c.externalDb() != null);
        return root;
    }

    private static void print(PrintWriter out, StackDir dir, StackConfig c, Map<String, LocalStack.ProcessStatus> st) {
        out.println("Stratus local stack in " + dir.root());
        LocalStack.ProcessStatus infra = st.get(StackDir.INFRA);
        String infraWhat = "Kafka " + c.kafkaBootstrap() + (c.externalKafka() != null ? " (external)" : "")
                + ", PostgreSQL " + c.database().display() + (c.externalDb() != null ? " (external)" : "")
                + (infra.running() ? dir.lagMetricsUrl().map(url -> ", consumer lag " + url).orElse("") : "");
        out.printf("  %-19s %-16s %s%n", "infra", c.needsInfra() ? describe(infra) : "external", infraWhat);
        for (ServiceInstance s : c.instances()) {
            LocalStack.ProcessStatus p = st.get(s.name());
            String state = describe(p);
            if (p.running() && !HealthWaiter.ready(s.baseUrl(c))) {
                state += " (not ready)";
            }
            out.printf("  %-19s %-16s %s%n", s.name(), state, s.baseUrl(c));
        }
    }

    private static String describe(LocalStack.ProcessStatus p) {
        return switch (p.state()) {
            case RUNNING -> "pid " + p.pid();
            case STOPPED -> "stopped";
            case STALE -> "stale pid file";
        };
    }
}
