package io.stratus.profile.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.testkit.StratusTestResource;

@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class ObservabilityTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        List<String> checks = given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .extract().jsonPath().getList("checks.name", String.class);
        assertTrue(checks.stream().anyMatch(name -> name.contains("Kafka")), "a Kafka check: " + checks);
        assertTrue(checks.stream().anyMatch(name -> name.contains("PostgreSQL") || name.contains("Database")),
                "a database check: " + checks);
    }

    @Test
    void metricsAndOpenApiArePublic() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("stratus_profile_outbox_published_total"))
                .body(matchesPattern("(?s).*\\nstratus_outbox_unsent\\{service=\"profile-service\"\\} \\d.*"))
                .body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/tenants/{tenant}/devices"))
                .body(containsString("/api/v1/tenants/{tenant}/profiles/{id}/report"));
    }
}
