package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;

/**
 * The Grafana dashboard ({@code deploy/kubernetes/monitoring/dashboards/stratus.json}): a dashboard Grafana can load,
 * whose every query is valid PromQL (promtool checks each as a recording rule) and reads only metrics the alerting
 * rules' metrics come from or that a running service exports ({@code DemoIT} scrapes the local stack for them), and
 * that the monitoring kustomization ships as the ConfigMap Grafana's sidecar loads.
 */
class MonitoringDashboardTest {

    static final Path DASHBOARD = MonitoringRulesTest.MONITORING.resolve("dashboards/stratus.json");

    @Test
    void everyPanelHasAUniqueIdAPlaceAndQueriesThroughTheChosenDatasource() throws IOException {
        JsonNode dashboard = dashboard();
        assertEquals("stratus-pki", dashboard.path("uid").asText());
        assertEquals("datasource", dashboard.path("templating").path("list").get(0).path("name").asText());
        Set<Integer> ids = new HashSet<>();
        Set<String> places = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id: " + title);
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt() > 0 && grid.path("h").asInt() > 0, title);
            assertTrue(places.add(grid.path("x").asInt() + "," + grid.path("y").asInt()), "two panels at one place: "
                    + title);
            assertFalse(panel.path("description").asText().isBlank(), title);
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
            assertTrue(panel.path("targets").size() > 0, title);
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), title);
            }
        }
        assertTrue(ids.size() >= 12, "panels: " + ids.size());
    }

    @Test
    @RequiresSystemTool(SystemTool.PROMTOOL)
    void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode rules = yaml.createObjectNode();
        ObjectNode group = rules.putArray("groups").addObject();
        group.put("name", "dashboard");
        ArrayNode list = group.putArray("rules");
        int n = 0;
        for (String expr : queries()) {
            ObjectNode rule = list.addObject();
            rule.put("record", "dashboard:query_" + (++n));
            rule.put("expr", expr);
        }
        Path file = dir.resolve("dashboard-queries.yaml");
        yaml.writeValue(file.toFile(), rules);
        MonitoringRulesTest.Run check = MonitoringRulesTest.promtool(dir, "check", "rules", file.toString());
        assertEquals(0, check.code(), check.output());
        assertTrue(check.output().contains("SUCCESS: " + n + " rules found"), check.output());
    }

    @Test
    void theMonitoringKustomizationShipsTheDashboardForGrafanasSidecar() throws IOException {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory())
                .readTree(MonitoringRulesTest.MONITORING.resolve("kustomization.yaml").toFile());
        JsonNode generator = kustomization.path("configMapGenerator").get(0);
        assertEquals("stratus-grafana-dashboard", generator.path("name").asText());
        assertEquals("dashboards/stratus.json", generator.path("files").get(0).asText());
        assertEquals("1", generator.path("options").path("labels").path("grafana_dashboard").asText());
        assertTrue(Files.isRegularFile(MonitoringRulesTest.MONITORING.resolve(generator.path("files").get(0).asText())));
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }

    /** The Stratus and Kafka metrics the dashboard's queries read (recorded rules, which contain ':', left out). */
    static Set<String> metricsNamed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String query : queries()) {
            Matcher matcher = MonitoringRulesTest.METRIC.matcher(query);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
