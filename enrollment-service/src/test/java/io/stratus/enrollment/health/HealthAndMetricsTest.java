package io.stratus.enrollment.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.enrollment.support.TestWorld;
import io.stratus.testkit.StratusTestResource;

/** Readiness covers PostgreSQL and Kafka; SCEP traffic shows in the Prometheus metrics; OpenAPI lists SCEP. */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
class HealthAndMetricsTest {

    @Test
    void readinessIncludesTheDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Reactive Messaging")));
    }

    @Test
    void scepRequestsAreCounted() {
        TestWorld world = TestWorld.get();
        given().queryParam("operation", "GetCACaps")
                .when().get("/scep/{tenant}/{ca}", world.tenant, "no-such-ca-for-metrics")
                .then().statusCode(404);
        given().contentType("application/x-pki-message").body(new byte[] {1, 2, 3})
                .queryParam("operation", "PKIOperation")
                .when().post("/scep/{tenant}/{ca}", world.tenant, "no-such-ca-for-metrics")
                .then().statusCode(404);

        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("stratus_scep_requests_total{operation=\"GetCACaps\",outcome=\"not_found\"}"))
                .body(containsString("stratus_scep_pkioperation_seconds_count{outcome=\"not_found\"}"))
                .body(containsString("stratus_scep_waiting"));
    }

    @Test
    void openApiDescribesTheScepEndpoint() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/scep/{tenant}/{caId}"));
    }
}
