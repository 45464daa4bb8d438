package ru.coalition.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven by Playwright; Playwright never downloads a browser here.
 * CHROMIUM names another binary (default /usr/bin/chromium, from apt-get install chromium).
 */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("No Chromium at " + chromium + ": apt-get install -y chromium (or set CHROMIUM)");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh session (own cookies) on a phone-sized screen. */
    public Page phonePage() {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844).setLocale("ru-RU"));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /**
     * A fresh session on a phone-sized screen whose clock is in the given zone: pages show days and times in the
     * browser's zone (the "tz" cookie their script sets), so a test that reads a date pins it.
     */
    public Page phonePageIn(String timezoneId) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844).setLocale("ru-RU").setTimezoneId(timezoneId));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** A fresh session on a desktop-sized screen. */
    public Page desktopPage() {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 900).setLocale("ru-RU"));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** A fresh session of the given screen size and browser language. */
    public BrowserContext newContext(int width, int height, String locale) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height).setLocale(locale));
        context.setDefaultTimeout(30_000);
        return context;
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name + ".png")).setFullPage(true));
    }

    /** Signs in on the Keycloak page the app redirected to. */
    public static void signIn(Page page, String username, String password) {
        page.waitForSelector("#username");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#kc-login");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
