package io.stratus.ca.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls the renewal endpoints of ca-service over real HTTP. */
public final class Renewals {

    private Renewals() {
    }

    public static Map<String, Object> body(boolean newKey, Integer validityYears, Boolean activate) {
        Map<String, Object> body = new HashMap<>();
        body.put("newKey", newKey);
        if (validityYears != null) {
            body.put("validityYears", validityYears);
        }
        if (activate != null) {
            body.put("activate", activate);
        }
        return body;
    }

    public static Response renew(String tenant, String token, String id, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tenants/{t}/authorities/{id}/renew", tenant, id);
    }

    /** Renews with an admin token and returns the authority view; fails unless the answer is 200. */
    public static Map<String, Object> renew(String tenant, String id, Object body) {
        return renew(tenant, CaApi.admin(tenant), id, body).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    public static Response activate(String tenant, String token, String id) {
        return given().auth().oauth2(token).post("/api/v1/tenants/{t}/authorities/{id}/renewal/activate", tenant, id);
    }

    public static Response cancel(String tenant, String token, String id) {
        return given().auth().oauth2(token).delete("/api/v1/tenants/{t}/authorities/{id}/renewal", tenant, id);
    }

    /** PEM chain of one generation (null: the current one). */
    public static String chain(String tenant, String id, Integer generation) {
        var request = given().auth().oauth2(CaApi.admin(tenant));
        if (generation != null) {
            request = request.queryParam("generation", generation);
        }
        return request.get("/api/v1/tenants/{t}/authorities/{id}/chain", tenant, id).then().statusCode(200)
                .extract().asString();
    }

    /** DER CRL from a public URL as written in certificates (absolute). */
    public static byte[] crl(String url) {
        return given().get(java.net.URI.create(url).getPath()).then().statusCode(200).contentType("application/pkix-crl").extract().asByteArray();
    }
}
