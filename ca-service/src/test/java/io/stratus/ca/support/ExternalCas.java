package io.stratus.ca.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** Bring-your-own CAs over real HTTP: creation, their CSR, and going live with a certificate from an OpenSSL root. */
public final class ExternalCas {

    private ExternalCas() {
    }

    /** The creation body of an external EC P-256 issuing CA restricted to CLIENT_AUTH. */
    public static Map<String, Object> body(String name) {
        Map<String, Object> body = new HashMap<>(CaApi.issuingBody("unused", name, 2, "EC_P256",
                List.of("CLIENT_AUTH")));
        body.remove("parentId");
        body.remove("validityYears");
        body.put("external", true);
        return body;
    }

    /** GET .../csr of the CA in SIGNING_REQUIRED (PEM). */
    public static String csr(String tenant, String id) {
        return given().auth().oauth2(CaApi.admin(tenant)).get("/api/v1/tenants/{t}/authorities/{id}/csr", tenant, id)
                .then().statusCode(200).contentType("application/pkcs10").extract().asString();
    }

    /** An external issuing CA "Fabrikam Issuing" signed by {@code root} and ACTIVE; returns its authority view. */
    public static Map<String, Object> live(String tenant, ExternalRoot root) throws IOException {
        String id = (String) CaApi.create(tenant, body("Fabrikam Issuing")).get("id");
        String signed = root.sign(csr(tenant, id), ExternalRoot.CA_EXTENSIONS, 730);
        return given().auth().oauth2(CaApi.admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("certificate", signed, "chain", root.pem()))
                .post("/api/v1/tenants/{t}/authorities/{id}/certificate", tenant, id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).extract().jsonPath().getMap("$");
    }
}
