package io.stratus.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stratus.console.session.SignInCodes;

/**
 * Signing in and out through HTTP: one-time codes, the session cookie, the form token on changes, the tenant check,
 * and a service that does not answer. ca-service and profile-service are not running here (their URLs point at closed
 * ports); the browser test (cli's DemoIT) drives the console against a whole stack.
 */
@QuarkusTest
class SignInTest {
    @ConfigProperty(name = "stratus.console.sign-in-dir")
    Path signInDir;

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        given().redirects().follow(false).get("/t/demo/authorities").then().statusCode(303)
                .header("Location", endsWith("/signin"));
        given().get("/signin").then().statusCode(200).body(containsString("./stratus console"));
    }

    @Test
    void theProviderSignInIsClosedWhileOidcIsOff() {
        given().redirects().follow(false).get("/signin/oidc").then().statusCode(401);
        given().get("/signin").then().body(org.hamcrest.Matchers.not(containsString("organisation's account")));
    }

    @Test
    void aCodeSignsInOnceWithAnHttpOnlyStrictCookie() throws IOException {
        String code = grant(token(Instant.now().plus(Duration.ofHours(1)), "[\"demo\"]", "[\"ca.read\"]"),
                Instant.now().plusSeconds(300));
        Response first = given().redirects().follow(false).get("/signin?code=" + code);
        assertEquals(200, first.statusCode());
        assertTrue(first.asString().contains("url=/"), "the page moves on to the console: " + first.asString());
        String setCookie = first.header("Set-Cookie");
        assertTrue(setCookie.contains("stratus_console=") && setCookie.contains("HttpOnly")
                && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains(code), "the cookie is a session id, not the code");
        try (var files = Files.list(signInDir)) {
            assertEquals(0, files.count(), "the used grant is deleted");
        }
        given().redirects().follow(false).get("/signin?code=" + code).then().statusCode(401)
                .body(containsString("already used"));
    }

    @Test
    void anExpiredUnknownOrMalformedCodeIsRefusedWithoutAServerError() throws IOException {
        String expired = grant(token(Instant.now().plus(Duration.ofHours(1)), "[\"*\"]", "[\"ca.read\"]"),
                Instant.now().minusSeconds(1));
        given().get("/signin?code=" + expired).then().statusCode(401);
        given().get("/signin?code=" + randomCode()).then().statusCode(401);
        given().get("/signin?code=../../etc/passwd").then().statusCode(401);
        String expiredToken = grant(token(Instant.now().minusSeconds(5), "[\"*\"]", "[\"ca.read\"]"),
                Instant.now().plusSeconds(300));
        given().get("/signin?code=" + expiredToken).then().statusCode(401);
    }

    @Test
    void signingOutNeedsTheFormTokenAndEndsTheSession() throws IOException {
        String cookie = signIn("[\"demo\"]");
        given().cookie("stratus_console", cookie).redirects().follow(false).formParam("formToken", "forged")
                .post("/signout").then().statusCode(403);
        // the root CA form needs no service, so it renders here with the layout's sign-out form
        String formToken = formTokenOf(given().cookie("stratus_console", cookie).redirects().follow(false)
                .get("/t/demo/authorities/new?kind=ROOT").asString());
        given().cookie("stratus_console", cookie).redirects().follow(false).formParam("formToken", formToken)
                .post("/signout").then().statusCode(303).header("Location", endsWith("/signin"));
        given().cookie("stratus_console", cookie).redirects().follow(false).get("/t/demo/authorities").then()
                .statusCode(303);
    }

    @Test
    void anotherTenantIsRefusedAndAServiceThatDoesNotAnswerIsA502() throws IOException {
        String cookie = signIn("[\"demo\"]");
        given().cookie("stratus_console", cookie).get("/t/other/authorities").then().statusCode(403)
                .body(containsString("tenant other"));
        given().cookie("stratus_console", cookie).get("/t/demo/authorities").then().statusCode(502)
                .body(containsString("did not answer"));
    }

    @Test
    void twoRequestsRacingWithOneCodeGetOneSession() throws Exception {
        for (int round = 0; round < 5; round++) {
            String code = grant(token(Instant.now().plus(Duration.ofHours(1)), "[\"demo\"]", "[\"ca.read\"]"),
                    Instant.now().plusSeconds(300));
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<Integer> open = () -> {
                    start.await();
                    return given().redirects().follow(false).get("/signin?code=" + code).statusCode();
                };
                var first = two.submit(open);
                var second = two.submit(open);
                start.countDown();
                java.util.List<Integer> codes = java.util.List.of(first.get(), second.get());
                assertEquals(1, codes.stream().filter(c -> c == 200).count(), "statuses " + codes);
                assertEquals(1, codes.stream().filter(c -> c == 401).count(), "statuses " + codes);
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void aTokenWhoseClaimsCannotBeReadIsRefused() throws IOException {
        String hugeExpiry = grant(tokenWithClaims("{\"sub\":\"x\",\"tenants\":[\"*\"],\"exp\":9" + "9".repeat(30) + "}"),
                Instant.now().plusSeconds(300));
        given().get("/signin?code=" + hugeExpiry).then().statusCode(401);
        String notJson = grant(tokenWithClaims("not json"), Instant.now().plusSeconds(300));
        given().get("/signin?code=" + notJson).then().statusCode(401);
    }

    @Test
    void changesWithoutTheFormTokenOrFromAnotherSiteAreRefused() throws IOException {
        String cookie = signIn("[\"demo\"]");
        String formToken = formTokenOf(given().cookie("stratus_console", cookie)
                .get("/t/demo/authorities/new?kind=ROOT").asString());
        given().cookie("stratus_console", cookie).formParam("displayName", "x").post("/t/demo/authorities")
                .then().statusCode(403);
        given().cookie("stratus_console", cookie).formParam("formToken", "forged").post("/t/demo/authorities/abc/pause")
                .then().statusCode(403);
        given().cookie("stratus_console", cookie).formParam("formToken", "forged")
                .formParam("reason", "keyCompromise").post("/t/demo/certificates/0A/revoke").then().statusCode(403);
        given().cookie("stratus_console", cookie).formParam("formToken", "forged").formParam("service", "ca")
                .post("/t/demo/audit/verify").then().statusCode(403);
        // the right form token, but the browser says the form was on another site
        given().cookie("stratus_console", cookie).header("Sec-Fetch-Site", "cross-site")
                .formParam("formToken", formToken).post("/signout").then().statusCode(403);
    }

    @Test
    void malformedAddressesAreClientErrorsNotServerErrors() throws IOException {
        String cookie = signIn("[\"*\"]");
        given().cookie("stratus_console", cookie).get("/t/demo/audit?after=abc").then().statusCode(400)
                .body(containsString("sequence"));
        given().cookie("stratus_console", cookie).get("/t/demo/audit?service=billing").then().statusCode(400)
                .body(containsString("billing"));
        given().cookie("stratus_console", cookie).get("/t/a%20b/authorities").then().statusCode(404);
        given().cookie("stratus_console", cookie).get("/t/demo/authorities/new?kind=ISSUING&parent=..").then()
                .statusCode(400);
    }

    /** The form token as the layout's sign-out form carries it. */
    private static String formTokenOf(String html) {
        int at = html.indexOf("name=\"formToken\" value=\"");
        if (at < 0) {
            throw new AssertionError("no form token in the page: " + html);
        }
        int start = at + "name=\"formToken\" value=\"".length();
        return html.substring(start, html.indexOf('"', start));
    }

    private String signIn(String tenants) throws IOException {
        String code = grant(token(Instant.now().plus(Duration.ofHours(1)), tenants, "[\"ca.read\"]"),
                Instant.now().plusSeconds(300));
        return given().redirects().follow(false).get("/signin?code=" + code).cookie("stratus_console");
    }

    private String grant(String token, Instant expiresAt) throws IOException {
        String code = randomCode();
        Files.createDirectories(signInDir);
        Files.writeString(signInDir.resolve(SignInCodes.fileName(code)),
                "{\"token\":\"" + token + "\",\"expiresAt\":\"" + expiresAt + "\"}");
        return code;
    }

    private static String randomCode() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String tokenWithClaims(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    /** A JWT's shape with these claims; the console reads claims only, the services check signatures. */
    private static String token(Instant expiresAt, String tenants, String roles) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"tester\",\"groups\":" + roles + ",\"tenants\":" + tenants
                + ",\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2ln";
    }
}
