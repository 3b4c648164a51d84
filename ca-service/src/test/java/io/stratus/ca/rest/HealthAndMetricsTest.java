package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.ca.service.IssuanceRejection;
import io.stratus.ca.support.CaApi;
import io.stratus.testkit.StratusTestResource;

/** Readiness covers the database and Kafka; metrics and OpenAPI are published. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class HealthAndMetricsTest {

    @Test
    void readinessIncludesDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsStringIgnoringCase("database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        // the paths of the Kubernetes probes (deploy/kubernetes/base/services.yaml)
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aCasDeadlinesTheOutboxAndTheRefusalsAreGauges() throws InterruptedException {
        String tenant = "gauges-" + UUID.randomUUID().toString().substring(0, 8);
        String root = (String) CaApi.createRoot(tenant).get("id");
        given().get("/pki/{t}/{id}/crl", tenant, root).then().statusCode(200);
        String series = "{authority=\"" + root + "\",tenant=\"" + tenant + "\"}";
        Pattern expiry = Pattern.compile("(?m)^stratus_ca_expiry_seconds" + Pattern.quote(series) + " (\\S+)$");
        Pattern crl = Pattern.compile("(?m)^stratus_crl_next_update_seconds" + Pattern.quote(series) + " (\\S+)$");
        String metrics = "";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            if (expiry.matcher(metrics).find() && crl.matcher(metrics).find()) {
                break;
            }
            Thread.sleep(500);
        }
        Matcher caLeft = expiry.matcher(metrics);
        Matcher crlLeft = crl.matcher(metrics);
        assertTrue(caLeft.find() && crlLeft.find(), "the new CA's gauges:\n" + metrics);
        double caSeconds = Double.parseDouble(caLeft.group(1));
        double crlSeconds = Double.parseDouble(crlLeft.group(1));
        assertTrue(caSeconds > 300 * 86400.0, "a root of several years: " + caSeconds);
        assertTrue(crlSeconds > 0 && crlSeconds <= 7 * 86400.0 + 60, "a fresh CRL of at most 7 days: " + crlSeconds);
        assertTrue(Pattern.compile("(?m)^stratus_outbox_unsent\\{service=\"ca-service\"\\} \\d").matcher(metrics).find(),
                metrics);
        for (String reason : IssuanceRejection.REASONS) {
            assertTrue(metrics.contains("stratus_certificates_rejected_total{reason=\"" + reason + "\"}"), reason);
        }
    }

    @Test
    void prometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/tenants/{tenant}/authorities"));
    }
}
