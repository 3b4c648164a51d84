package io.stratus.enrollment.interop;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;

import io.stratus.testkit.JwtIssuer;
import io.stratus.testkit.Roles;

/** Turns static challenge mode on for a CA through the admin API, as an operator would. */
public final class StaticChallengeAdmin {

    private StaticChallengeAdmin() {
    }

    public static void enable(String tenant, String caId, String challenge) {
        String token = JwtIssuer.forTests().token("interop", Set.of(Roles.CA_MANAGE), Set.of(tenant),
                Duration.ofMinutes(5));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"challenge\":\"" + challenge + "\"}")
                .when().put("/api/v1/tenants/{tenant}/scep/{ca}/static-challenge", tenant, caId)
                .then().statusCode(200);
    }
}
