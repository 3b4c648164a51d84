package io.stratus.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Sign-in through an identity provider (a WireMock OpenID provider with a login form), driven by a browser (HtmlUnit):
 * the authorization code flow ends in a console session whose token is the provider's access token. That token names
 * no tenant, so the console then refuses tenant demo: the session carries the provider's claims, nothing more.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.ProviderSignIn.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcSignInTest {

    /** The console with sign-in through the provider turned on, as a cluster would configure it. */
    public static class ProviderSignIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-web-app",
                    "quarkus.oidc.credentials.secret", "secret");
        }
    }

    @TestHTTPResource("/signin")
    URL signIn;

    @Test
    void theProvidersAccessTokenBecomesTheConsoleSession() throws Exception {
        try (WebClient browser = new WebClient()) {
            browser.setCssErrorHandler(new SilentCssErrorHandler());
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            HtmlPage start = browser.getPage(signIn);
            assertTrue(start.asNormalizedText().contains("Sign in with your organisation's account"),
                    start.asNormalizedText());
            HtmlPage login = start.getAnchorByText("Sign in with your organisation's account").click();
            HtmlForm form = login.getForms().get(0);
            form.getInputByName("username").type("alice");
            form.getInputByName("password").type("alice");
            HtmlPage after = form.getInputByValue("login").click();
            assertNotNull(browser.getCookieManager().getCookie("stratus_console"), "a console session was opened");
            assertNull(browser.getCookieManager().getCookie("q_session"),
                    "the provider's tokens do not stay in the browser: the console's session is the only one");
            // the meta refresh leads on to the console, which refuses a tenant the provider's token does not name
            HtmlPage console = browser.getPage(new URL(signIn, "/t/demo/authorities"));
            assertEquals(403, console.getWebResponse().getStatusCode(), console.asNormalizedText());
            assertTrue(console.asNormalizedText().contains("does not give access to tenant demo"),
                    after.asNormalizedText() + "\n" + console.asNormalizedText());
        } catch (FailingHttpStatusCodeException e) {
            throw new AssertionError(e.getResponse().getContentAsString(), e);
        }
    }
}
