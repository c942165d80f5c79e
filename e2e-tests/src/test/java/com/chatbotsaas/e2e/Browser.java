package com.chatbotsaas.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at a real browser: Debian's headless {@code chromium} driven through its {@code chromium-driver}. Nothing
 * downloads a browser; the packages are installed by {@code .ci/run} (see the README).
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final String base;
    private final WebDriverWait wait;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Browser open(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    /** Opens a link as a person pasting it: a full page load. */
    void visit(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    WebElement element(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void clickLink(String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
    }

    /** Waits until the page's main heading reads {@code text}. */
    void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    void pathIs(String path) {
        wait.until(d -> path.equals(java.net.URI.create(d.getCurrentUrl()).getPath()));
    }

    String text(String css) {
        return element(css).getText();
    }

    void textContains(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /**
     * Saves what the browser shows as {@code target/screenshots/<name>.png} (the README's pictures come from here).
     */
    void screenshot(String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(directory.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs a script in the page, as the page's own scripts would, and returns its result as text. */
    String script(String javascript) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
