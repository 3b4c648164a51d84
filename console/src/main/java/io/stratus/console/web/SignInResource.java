package io.stratus.console.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stratus.console.config.ConsoleConfig;
import io.stratus.console.session.Session;
import io.stratus.console.session.SessionFilter;
import io.stratus.console.session.Sessions;
import io.stratus.console.session.SignInCodes;
import io.stratus.console.session.SignedIn;

/**
 * Signing in with a one-time link from {@code stratus console} (the local stack), and signing out. The link's code is
 * exchanged for a session whose id is an HttpOnly, SameSite=Strict cookie; the token never reaches the browser.
 */
@Path("/")
public class SignInResource {
    private static final Logger LOG = Logger.getLogger(SignInResource.class);

    @CheckedTemplate
    static class Templates {
        /**
         * {@code refused}: a code was brought and did not work; {@code provider}: sign-in through the organisation's
         * identity provider is on.
         */
        static native TemplateInstance signin(boolean refused, boolean provider);

        /** The page a good code lands on: it moves on to the console from the console's own origin. */
        static native TemplateInstance signedIn();
    }

    @Inject
    SignInCodes codes;
    @Inject
    Sessions sessions;
    @Inject
    SignedIn signedIn;
    @Inject
    ConsoleConfig config;
    @Inject
    Instance<AccessTokenCredential> accessToken;
    @Inject
    Instance<OidcSession> providerSession;
    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean providerSignIn;

    @GET
    @Path("signin")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@QueryParam("code") String code, @CookieParam(Sessions.COOKIE) String previous) {
        if (code == null || code.isEmpty()) {
            return Response.ok(Templates.signin(false, providerSignIn)).build();
        }
        Optional<String> token = codes.redeem(code);
        if (token.isEmpty()) {
            LOG.info("a sign-in link was refused: unknown, used or expired");
            return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.signin(true, providerSignIn)).build();
        }
        return open(token.get(), previous);
    }

    /**
     * Sign-in through the organisation's identity provider: quarkus-oidc has run the authorization code flow before
     * this method is reached (the path needs an authenticated caller), and the provider's access token, which the
     * services accept, becomes the console session's token. quarkus-oidc's own session cookie is dropped at once, so
     * that the console's session is the only one and its sign-out is final; the next sign-in goes to the provider.
     */
    @GET
    @Path("signin/oidc")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public Response signInWithProvider(@CookieParam(Sessions.COOKIE) String previous) {
        Response answer = open(accessToken.get().getToken(), previous);
        providerSession.get().logout().await().atMost(Duration.ofSeconds(10));
        return answer;
    }

    private Response open(String token, String previous) {
        Session session;
        try {
            session = sessions.open(token);
        } catch (IllegalArgumentException e) {
            LOG.infof("a sign-in was refused: %s", e.getMessage());
            return Response.status(Response.Status.UNAUTHORIZED).entity(Templates.signin(true, providerSignIn)).build();
        }
        sessions.close(previous);
        LOG.infof("%s signed in to the console", session.subject());
        // a page rather than a redirect: a link opened from another site (mail, chat) would carry no SameSite=Strict
        // cookie on a redirect that follows it, but does on the next navigation, which starts here
        return Response.ok(Templates.signedIn()).cookie(cookie(session.id(),
                (int) Duration.between(Instant.now(), session.expiresAt()).toSeconds())).build();
    }

    @POST
    @Path("signout")
    public Response signOut(@CookieParam(Sessions.COOKIE) String id, @FormParam(SessionFilter.FORM_TOKEN) String formToken) {
        Forms.requireToken(signedIn.session(), formToken);
        sessions.close(id);
        return Response.seeOther(URI.create("/signin")).cookie(cookie("", 0)).build();
    }

    /** The first page: the CAs of the tenant the token names (or of the default tenant, for a token for all). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        Session session = signedIn.session();
        String tenant = session.mayOpen(config.defaultTenant()) ? config.defaultTenant()
                : session.tenants().stream().sorted().findFirst().orElse(config.defaultTenant());
        return Response.seeOther(Tenants.page(tenant, "authorities")).build();
    }

    private NewCookie cookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(Sessions.COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure(config.secureCookie()).maxAge(maxAgeSeconds).build();
    }
}
