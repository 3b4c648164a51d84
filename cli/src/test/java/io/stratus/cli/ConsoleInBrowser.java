package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.stratus.testkit.tools.SystemTool;

/**
 * Debian's Chromium, driven by its chromedriver (nothing is downloaded), headless, on the console of a running local
 * stack. Screenshots of each page it visits go under {@code target/console-screenshots/}.
 */
final class ConsoleInBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;
    private final String baseUrl;

    ConsoleInBrowser(String baseUrl) throws IOException {
        List<Path> chromium = SystemTool.CHROMIUM.locate().orElseThrow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get(0).toFile());
        // root in CI has no user namespace for Chromium's sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.get(1).toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.baseUrl = baseUrl;
        Files.createDirectories(SCREENSHOTS);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    void select(String id, String visibleText) {
        new Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
    }

    void click(By by) {
        driver.findElement(by).click();
    }

    /** Waits until the page's heading is {@code heading} (after a form was submitted). */
    void awaitHeading(String heading) {
        awaitText(By.tagName("h1"), heading);
    }

    /** Waits until an element's text is {@code text}, across page loads (the old page's element goes stale). */
    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(d -> d.findElement(by).getText().equals(text));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Whether the page is wider than the window (a layout that breaks on a small screen). */
    boolean overflowsHorizontally() {
        Object wider = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth;");
        return Boolean.TRUE.equals(wider);
    }

    /** Visible form fields that no label names (by {@code for} or by enclosing them). */
    List<String> unlabelledFields() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
                        + ".filter(f => !(f.id && document.querySelector('label[for=\"' + f.id + '\"]')) && !f.closest('label'))"
                        + ".map(f => f.name || f.outerHTML);");
        return names;
    }

    /** A download through the browser's session: the console's own cookie, the console's URL. */
    HttpResponse<byte[]> fetchWithSession(String path) throws IOException, InterruptedException {
        String session = driver.manage().getCookieNamed("stratus_console").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", "stratus_console=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    void signOutOfTheBrowser() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        driver.quit();
    }

    static void assertNoOverflow(ConsoleInBrowser browser, String page) {
        assertFalse(browser.overflowsHorizontally(), page + " is wider than a phone's window");
    }

    static void assertAllLabelled(ConsoleInBrowser browser, String page) {
        assertEquals(List.of(), browser.unlabelledFields(), "fields without a label on " + page);
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "the page lacks '" + part + "':\n" + text);
        }
    }
}
