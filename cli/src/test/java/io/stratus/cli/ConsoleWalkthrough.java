package io.stratus.cli;

import static io.stratus.cli.ConsoleInBrowser.assertAllLabelled;
import static io.stratus.cli.ConsoleInBrowser.assertContains;
import static io.stratus.cli.ConsoleInBrowser.assertNoOverflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.testkit.OpenSsl;

/**
 * The Intune Cloud PKI walkthrough in the console, in a real browser, on a stack where the demo ran: sign in with
 * {@code stratus console --url}, see the demo's CAs, create a root CA (first with a mistake the API refuses, shown next
 * to its field) and an issuing CA under it, download its chain, pause and revoke it, read the demo profile's report
 * against the API's, then a read-only session, another tenant, a phone-sized window and signing out.
 */
final class ConsoleWalkthrough {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private ConsoleWalkthrough() {
    }

    static void run(TestStack stack, Path tmp) throws Exception {
        String consoleUrl = stack.baseUrl(Service.CONSOLE);
        String link = stack.ok("console", "--url").out().strip();
        assertTrue(link.startsWith(consoleUrl + "/signin?code="), link);
        try (ConsoleInBrowser browser = new ConsoleInBrowser(consoleUrl)) {
            browser.open(link);
            browser.awaitHeading("Certification authorities");
            assertContains(browser.text(), DemoSetup.ROOT_NAME, DemoSetup.ISSUING_NAME, "ACTIVE");
            browser.screenshot("authorities");
            // the first Tab reaches the skip link, for keyboard users
            browser.find(By.tagName("body")).sendKeys(Keys.TAB);
            assertEquals("Skip to content", browser.driver().switchTo().activeElement().getText());

            String issuingPath = createATwoTierPki(browser, tmp);
            pauseAndRevoke(browser, issuingPath);
            reportAgreesWithTheApi(stack, browser);
            readOnlyAndOtherTenants(stack, browser);
        }
    }

    private static String createATwoTierPki(ConsoleInBrowser browser, Path tmp) throws Exception {
        browser.click(By.linkText("Create root CA"));
        browser.awaitHeading("Create a root CA");
        assertAllLabelled(browser, "the root CA form");
        browser.type("displayName", "Console Root");
        browser.type("commonName", "Console Root CA");
        browser.type("organization", "Contoso");
        browser.type("country", "U1");
        browser.select("validityYears", "10");
        browser.select("keyAlgorithm", "RSA_2048");
        tick(browser, CLIENT_AUTH);
        tick(browser, SERVER_AUTH);
        browser.click(By.id("create"));
        browser.awaitHeading("Create a root CA");
        // the API's own message, next to the field it is about; what was typed and ticked stays
        assertTrue(browser.find(By.id("country-error")).getText().contains("subject.country"),
                browser.find(By.id("country-error")).getText());
        assertEquals("Console Root", browser.find(By.id("displayName")).getAttribute("value"));
        assertTrue(usage(browser, CLIENT_AUTH).isSelected() && usage(browser, SERVER_AUTH).isSelected());
        browser.screenshot("create-root-refused");
        browser.type("country", "US");
        browser.click(By.id("create"));
        browser.awaitHeading("Console Root");
        assertEquals("ACTIVE", browser.find(By.id("ca-status")).getText());
        browser.screenshot("root-ca");

        // an issuing CA: its root first, then only the root's usages and key are offered
        browser.click(By.linkText("Certification authorities"));
        browser.click(By.linkText("Create issuing CA"));
        browser.awaitHeading("Create an issuing CA");
        Select parent = new Select(browser.find(By.id("parent")));
        parent.getOptions().stream().filter(o -> o.getText().startsWith("Console Root (")).findFirst().orElseThrow()
                .click();
        browser.click(By.id("next"));
        browser.awaitHeading("Create an issuing CA under Console Root");
        assertEquals(2, browser.driver().findElements(By.name("usage")).size(), "the root's two usages");
        assertEquals(List.of("RSA_2048"), new Select(browser.find(By.id("keyAlgorithm"))).getOptions().stream()
                .map(WebElement::getText).toList());
        untick(browser, SERVER_AUTH);
        browser.type("displayName", "Console Issuing");
        browser.type("commonName", "Console Issuing CA");
        browser.type("organization", "Contoso");
        browser.type("country", "US");
        browser.screenshot("create-issuing");
        browser.click(By.id("create"));
        browser.awaitHeading("Console Issuing");
        String scepUrl = browser.find(By.id("scep-url")).getText();
        assertTrue(scepUrl.contains("/scep/demo/"), scepUrl);
        assertContains(browser.text(), "Client authentication (" + CLIENT_AUTH + ")", "Console Root");
        assertFalse(browser.text().contains("Server authentication"), "the usage left unticked");
        browser.screenshot("issuing-ca");

        // the chain as the download button serves it, read by OpenSSL
        String path = URI.create(browser.driver().getCurrentUrl()).getPath();
        HttpResponse<byte[]> p7b = browser.fetchWithSession(path + "/download?format=p7b");
        assertEquals(200, p7b.statusCode());
        Path file = tmp.resolve("console-issuing.p7b");
        Files.write(file, p7b.body());
        String certs = OpenSsl.run("pkcs7", "-inform", "DER", "-in", file.toString(), "-print_certs");
        assertContains(certs, "CN = Console Issuing CA", "CN = Console Root CA");
        return path;
    }

    /** Pause, resume, pause again, then revoke: the browser asks first, and the page shows each new status. */
    private static void pauseAndRevoke(ConsoleInBrowser browser, String issuingPath) throws Exception {
        browser.open(issuingPath);
        browser.click(By.xpath("//button[text()='Pause']"));
        awaitStatus(browser, "PAUSED");
        browser.click(By.xpath("//button[text()='Resume']"));
        awaitStatus(browser, "ACTIVE");
        browser.click(By.xpath("//button[text()='Pause']"));
        awaitStatus(browser, "PAUSED");
        browser.select("reason", "keyCompromise");
        browser.click(By.xpath("//button[text()='Revoke']"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        String question = browser.driver().switchTo().alert().getText();
        assertTrue(question.contains("cannot be undone"), question);
        browser.driver().switchTo().alert().accept();
        awaitStatus(browser, "REVOKED");
        assertContains(browser.text(), "keyCompromise");
        browser.screenshot("issuing-ca-revoked");
    }

    /** The demo profile's report in the console says what the API says. */
    private static void reportAgreesWithTheApi(TestStack stack, ConsoleInBrowser browser) throws Exception {
        browser.click(By.linkText("Profiles"));
        browser.awaitHeading("Profiles");
        assertContains(browser.text(), "Demo SCEP device certificate", "Demo root trust");
        browser.screenshot("profiles");
        WebElement report = browser.find(By.xpath("//tr[td[1][starts-with(., 'Demo SCEP device certificate')]]"
                + "//a[text()='Deployment report']"));
        String href = report.getAttribute("href");
        String profileId = href.substring(href.indexOf("/profiles/") + "/profiles/".length(), href.indexOf("/report"));
        report.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("count-succeeded")));
        assertTrue(browser.heading().startsWith("Deployment report: Demo SCEP device certificate"), browser.heading());
        JsonNode api = stack.json("demo", "report", profileId);
        assertTrue(api.path("succeeded").asLong() > 0, api.toString());
        assertEquals(api.path("succeeded").asText(), browser.find(By.id("count-succeeded")).getText());
        assertEquals(api.path("failed").asText(), browser.find(By.id("count-failed")).getText());
        assertEquals(api.path("pending").asText(), browser.find(By.id("count-pending")).getText());
        assertTrue(browser.has(By.cssSelector("svg.chart rect.SUCCEEDED")), "the chart");
        assertEquals(api.path("devices").size(),
                browser.driver().findElements(By.cssSelector("#report-devices tbody tr")).size());
        browser.screenshot("report");
        browser.resize(390, 844);
        assertNoOverflow(browser, "the report");
        browser.screenshot("report-phone");
        browser.resize(1280, 800);
    }

    private static void readOnlyAndOtherTenants(TestStack stack, ConsoleInBrowser browser) throws Exception {
        browser.signOutOfTheBrowser();
        browser.open("/t/demo/authorities");
        browser.awaitHeading("Sign in to the Stratus console");
        String readOnly = stack.ok("console", "--url", "--role", "ca.read,profile.read", "--tenant", "demo").out().strip();
        browser.open(readOnly);
        browser.awaitHeading("Certification authorities");
        assertFalse(browser.has(By.linkText("Create root CA")), "a read-only session offers no creation");
        browser.click(By.linkText(DemoSetup.ISSUING_NAME));
        browser.awaitHeading(DemoSetup.ISSUING_NAME);
        assertFalse(browser.has(By.xpath("//button[text()='Pause']")), "a read-only session offers no pause");
        assertTrue(browser.has(By.id("scep-url")));
        browser.resize(390, 844);
        assertNoOverflow(browser, "a CA's page");
        browser.screenshot("issuing-ca-phone");
        browser.resize(1280, 800);

        browser.open("/t/other/authorities");
        browser.awaitHeading("403 Forbidden");
        assertContains(browser.text(), "tenant other");

        browser.open("/t/demo/authorities");
        browser.click(By.xpath("//button[text()='Sign out']"));
        browser.awaitHeading("Sign in to the Stratus console");
        browser.open(readOnly);
        assertContains(browser.text(), "does not work");
    }

    private static void awaitStatus(ConsoleInBrowser browser, String status) {
        browser.awaitText(By.id("ca-status"), status);
    }

    private static WebElement usage(ConsoleInBrowser browser, String oid) {
        return browser.find(By.cssSelector("input[name='usage'][value='" + oid + "']"));
    }

    private static void tick(ConsoleInBrowser browser, String oid) {
        if (!usage(browser, oid).isSelected()) {
            usage(browser, oid).click();
        }
    }

    private static void untick(ConsoleInBrowser browser, String oid) {
        if (usage(browser, oid).isSelected()) {
            usage(browser, oid).click();
        }
    }
}
