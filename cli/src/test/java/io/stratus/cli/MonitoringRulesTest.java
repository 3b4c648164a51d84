package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;

/**
 * The alerting rules of {@code deploy/kubernetes/monitoring/rules.yaml} are valid Prometheus rules and behave as their
 * unit tests ({@code rules-test.yaml}) say, checked by promtool (Debian package {@code prometheus}). That every metric
 * they name is exported by a running service is checked by {@code DemoIT} on the local stack.
 */
@RequiresSystemTool(SystemTool.PROMTOOL)
class MonitoringRulesTest {

    static final Path MONITORING = Path.of("../deploy/kubernetes/monitoring");
    static final Pattern METRIC = Pattern.compile("\\b((?:stratus|kafka)_[a-z0-9_]+)\\b(?![:(])");

    @Test
    void theRulesAreValidAndPassTheirUnitTests(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("stratus-rules.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(rules.toFile(), prometheusRule().path("spec"));
        Files.copy(MONITORING.resolve("rules-test.yaml"), dir.resolve("rules-test.yaml"));

        Run check = promtool(dir, "check", "rules", rules.toString());
        assertEquals(0, check.code(), check.output());
        assertTrue(check.output().contains("SUCCESS"), check.output());
        Run test = promtool(dir, "test", "rules", dir.resolve("rules-test.yaml").toString());
        assertEquals(0, test.code(), test.output());
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescription() throws IOException {
        int alerts = 0;
        for (JsonNode group : prometheusRule().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts++;
                    String name = rule.path("alert").asText();
                    assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()),
                            name);
                    assertTrue(!rule.path("annotations").path("summary").asText().isBlank(), name);
                    assertTrue(!rule.path("annotations").path("description").asText().isBlank(), name);
                }
            }
        }
        assertTrue(alerts >= 9, "alerts: " + alerts);
    }

    /** The PrometheusRule object of rules.yaml. */
    static JsonNode prometheusRule() throws IOException {
        JsonNode rule = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("rules.yaml").toFile());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        return rule;
    }

    /** The names of the metrics the rules' expressions read (recorded rules, which contain ':', left out). */
    static Set<String> metricsNamed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : prometheusRule().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                Matcher matcher = METRIC.matcher(rule.path("expr").asText());
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    record Run(int code, String output) {
    }

    static Run promtool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(SystemTool.PROMTOOL.locate().orElseThrow().get(0).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return new Run(process.exitValue(), output);
    }
}
