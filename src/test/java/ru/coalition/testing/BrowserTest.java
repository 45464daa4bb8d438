package ru.coalition.testing;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URL;

/** What every page test starts from: one Chromium for the class, and the app's address. */
public abstract class BrowserTest {

    protected static Browser browser;

    @TestHTTPResource("/")
    protected URL base;

    @BeforeAll
    static void launchBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
