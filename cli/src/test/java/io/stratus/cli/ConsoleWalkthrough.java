package io.stratus.cli;

import static io.stratus.cli.ConsoleInBrowser.assertAllLabelled;
import static io.stratus.cli.ConsoleInBrowser.assertContains;
import static io.stratus.cli.ConsoleInBrowser.assertNoOverflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
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

    /** {@code keepSerial}: a certificate the test leaves alone (a later test revokes it through the CLI). */
    static void run(TestStack stack, Path tmp, String keepSerial) throws Exception {
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
            deployToSimulatedDevices(stack, browser);
            pauseAndRevoke(browser, issuingPath);
            String serial = reportAgreesWithTheApi(stack, browser, keepSerial);
            findAndRevokeACertificate(browser, serial);
            auditLogVerifies(browser);
            eventFlowShowsTheTopics(browser);
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

    /**
     * The walkthrough's second half: trusted profiles of the new root and issuing CA, a SCEP profile (first refused for
     * its renewal threshold), a static group filled with simulated devices, the assignment, and the report reaching
     * SUCCEEDED for every device.
     */
    private static void deployToSimulatedDevices(TestStack stack, ConsoleInBrowser browser) throws Exception {
        browser.click(By.linkText("Profiles"));
        browser.awaitHeading("Profiles");
        createTrustedProfile(browser, "Console root trust", "Console Root (ROOT)", "COMPUTER_ROOT");
        createTrustedProfile(browser, "Console issuing trust", "Console Issuing (ISSUING)", "COMPUTER_INTERMEDIATE");

        browser.click(By.linkText("Create SCEP certificate profile"));
        browser.awaitHeading("Create a SCEP certificate profile");
        assertAllLabelled(browser, "the SCEP profile form");
        browser.type("name", "Console SCEP");
        browser.select("authorityId", "Console Issuing");
        browser.type("subjectNameFormat", "CN={{DeviceName}},O=Contoso");
        browser.select("sanType", "DNS");
        browser.type("sanValue", "{{DeviceName}}.console.test");
        browser.type("renewalThresholdPercent", "150");
        for (String trust : List.of("Console root trust", "Console issuing trust")) {
            browser.click(By.xpath("//label[contains(., '" + trust + "')]/input"));
        }
        browser.click(By.id("create"));
        browser.awaitHeading("Create a SCEP certificate profile");
        assertContains(browser.text(), "renewalThresholdPercent must be between 1 and 99");
        browser.screenshot("create-scep-refused");
        browser.type("renewalThresholdPercent", "20");
        browser.click(By.id("create"));
        browser.awaitHeading("Assign the profile");
        String assignPage = URI.create(browser.driver().getCurrentUrl()).getPath() + "?"
                + URI.create(browser.driver().getCurrentUrl()).getQuery();
        String profileId = assignPage.substring(assignPage.indexOf("profile=") + "profile=".length());

        browser.click(By.linkText("Create a group"));
        browser.awaitHeading("Groups");
        browser.type("name", "Console devices");
        browser.click(By.id("create-group"));
        browser.awaitText(By.xpath("//table[@id='groups']//td[text()='Console devices']"), "Console devices");
        String groupId = null;
        for (JsonNode group : stack.json("demo", "group", "list")) {
            if ("Console devices".equals(group.path("name").asText())) {
                groupId = group.path("id").asText();
            }
        }
        assertTrue(groupId != null, "the group made in the console is in the API's list");
        new SimulatorClient(stack.baseUrl(Service.SIMULATOR), Duration.ofSeconds(120))
                .createDevices("demo", groupId, "console", java.util.Map.of("WINDOWS", 3), 3);

        browser.open(assignPage);
        browser.awaitHeading("Assign the profile");
        browser.click(By.xpath("//label[contains(., 'Include Console devices')]/input"));
        browser.click(By.id("assign"));
        browser.awaitHeading("Deployment report: Console SCEP");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"3".equals(browser.find(By.id("count-succeeded")).getText()) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            browser.driver().navigate().refresh();
        }
        assertEquals("3", browser.find(By.id("count-succeeded")).getText(), browser.text());
        assertEquals(3, browser.driver().findElements(By.cssSelector("#report-devices tbody tr")).size());
        assertEquals(profileId, stack.json("demo", "report", profileId).path("profileId").asText());
        browser.screenshot("report-console-profile");

        // drill down: a device's own report, then its certificate, signed by the CA made in the console
        browser.click(By.cssSelector("#report-devices tbody tr td:first-child a"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Device console"));
        WebElement line = browser.find(By.xpath("//table[@id='device-profiles']//tr[td[1]='Console SCEP']"));
        assertContains(line.getText(), "SUCCEEDED");
        browser.screenshot("device");
        line.findElement(By.cssSelector("td:nth-child(4) a")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Certificate "));
        assertContains(browser.text(), "CN=Console Issuing CA", "DNS: console", ".console.test");
    }

    private static void createTrustedProfile(ConsoleInBrowser browser, String name, String ca, String store)
            throws Exception {
        browser.click(By.linkText("Create trusted certificate profile"));
        browser.awaitHeading("Create a trusted certificate profile");
        assertAllLabelled(browser, "the trusted profile form");
        browser.type("name", name);
        browser.select("authorityId", ca);
        browser.select("store", store);
        browser.click(By.id("create"));
        browser.awaitHeading("Profiles");
        assertContains(browser.text(), name);
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

        // a revoked issuing CA can go; then its root, renewed in place, shows its second certificate
        browser.click(By.id("delete"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        browser.driver().switchTo().alert().accept();
        browser.awaitHeading("Certification authorities");
        assertFalse(browser.has(By.linkText("Console Issuing")), "the deleted CA is gone from the tree");
        browser.click(By.linkText("Console Root"));
        browser.awaitHeading("Console Root");
        browser.click(By.id("renew"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        browser.driver().switchTo().alert().accept();
        browser.awaitText(By.id("ca-generation"), "2");
    }

    /**
     * The demo profile's report in the console says what the API says; returns the serial of a device's certificate
     * other than {@code keepSerial}.
     */
    private static String reportAgreesWithTheApi(TestStack stack, ConsoleInBrowser browser, String keepSerial)
            throws Exception {
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
        // over time: one line per status once profile-service has counted the profile (every 30 s on the local stack)
        long countedBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"svg".equals(browser.find(By.id("report-over-time")).getTagName()) && System.nanoTime() < countedBy) {
            assertContains(browser.find(By.id("report-over-time")).getText(), "counts this profile's devices every 30 seconds");
            Thread.sleep(2000);
            browser.driver().navigate().refresh();
        }
        assertEquals(4, browser.driver().findElements(By.cssSelector("#report-over-time polyline")).size(), browser.text());
        assertEquals(api.path("devices").size(),
                browser.driver().findElements(By.cssSelector("#report-devices tbody tr")).size());
        browser.screenshot("report");
        browser.resize(390, 844);
        assertNoOverflow(browser, "the report");
        browser.screenshot("report-phone");
        browser.resize(1280, 800);
        return browser.driver().findElements(By.cssSelector("#report-devices tbody tr td:nth-child(4)")).stream()
                .map(WebElement::getText).filter(serial -> !serial.isEmpty() && !serial.equalsIgnoreCase(keepSerial))
                .findFirst().orElseThrow();
    }

    /** Search the inventory (a bad serial first), export it, open one certificate and revoke it. */
    private static void findAndRevokeACertificate(ConsoleInBrowser browser, String serial) throws Exception {
        browser.click(By.linkText("Certificates"));
        browser.awaitHeading("Certificates");
        assertAllLabelled(browser, "the certificate search");
        assertTrue(browser.driver().findElements(By.cssSelector("#certificates tbody tr")).size() > 5);
        browser.type("serial", "not-hex");
        browser.click(By.id("search"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(NoSuchElementException.class)
                .until(d -> d.findElement(By.id("search-error")).isDisplayed());
        assertContains(browser.find(By.id("search-error")).getText(), "serial");
        browser.type("serial", serial);
        browser.click(By.id("search"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#certificates tbody tr")).size() == 1);
        browser.screenshot("certificates");
        String export = browser.find(By.id("export")).getAttribute("href");
        HttpResponse<byte[]> csv = browser.fetchWithSession(URI.create(export).getRawPath() + "?"
                + URI.create(export).getRawQuery());
        assertEquals(200, csv.statusCode());
        String rows = new String(csv.body(), StandardCharsets.UTF_8);
        assertEquals(2, rows.strip().split("\r?\n").length, rows);
        assertContains(rows.toUpperCase(Locale.ROOT), serial.toUpperCase(Locale.ROOT));

        browser.click(By.linkText(serial));
        browser.awaitHeading("Certificate " + serial);
        assertContains(browser.text(), "RSA 2048 bits", "Client authentication (" + CLIENT_AUTH + ")",
                DemoSetup.ISSUING_NAME, DemoSetup.ROOT_NAME, "-----BEGIN CERTIFICATE-----", "end entity");
        browser.select("reason", "superseded");
        browser.click(By.id("revoke"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        browser.driver().switchTo().alert().accept();
        browser.awaitText(By.id("certificate-status"), "REVOKED");
        assertContains(browser.find(By.id("revoked")).getText(), "superseded");
        assertFalse(browser.has(By.id("revoke")), "a revoked certificate offers no revocation");
        browser.screenshot("certificate-revoked");
    }

    /** ca-service's audit log lists what the console did, and its chain verifies. */
    private static void auditLogVerifies(ConsoleInBrowser browser) throws Exception {
        browser.click(By.linkText("Audit log"));
        browser.awaitHeading("Audit log");
        assertContains(browser.text(), "local-admin");
        browser.click(By.id("verify"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).ignoring(NoSuchElementException.class)
                .until(d -> d.findElement(By.id("verification")).getText().startsWith("Valid:"));
        browser.screenshot("audit");
        browser.click(By.linkText("profile-service"));
        browser.awaitHeading("Audit log");
        assertTrue(browser.driver().findElements(By.cssSelector("#audit tbody tr")).size() > 0, "profile-service's log");
    }

    /** The event flow page: the topics with what the demo wrote, the consumer groups, and a reload five seconds on. */
    private static void eventFlowShowsTheTopics(ConsoleInBrowser browser) throws Exception {
        browser.click(By.linkText("Event flow"));
        browser.awaitHeading("Event flow");
        assertFalse(browser.has(By.id("flow-problem")), browser.text());
        WebElement certificates = browser.find(By.xpath("//table[@id='topics']//tr[td[1]='stratus.certificates.v1']"));
        long written = Long.parseLong(certificates.findElements(By.tagName("td")).get(2).getText());
        assertTrue(written > 0, certificates.getText());
        assertContains(browser.find(By.id("groups")).getText(), "ca-service", "profile-service", "enrollment-service");
        assertTrue(Long.parseLong(browser.find(By.id("issued-total")).getText()) > 0);
        // the page reloads itself; the second look has an interval to measure rates over
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("main")).getText().contains("rates over the last"));
        browser.screenshot("event-flow");
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
        assertFalse(browser.has(By.linkText("Event flow")), "the event flow spans tenants");
        String caPage = URI.create(browser.driver().getCurrentUrl()).getPath();
        browser.open("/t/demo/flow");
        browser.awaitHeading("403 Forbidden");
        browser.open(caPage);
        browser.awaitHeading(DemoSetup.ISSUING_NAME);
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
