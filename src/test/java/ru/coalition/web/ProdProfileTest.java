package ru.coalition.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What only the prod profile switches on (tests run in the test profile over plain HTTP, so no running test sees
 * these): HSTS, Secure cookies and the management interface. The packaged-jar runs (DemoLauncher,
 * TwoInstancesJobsIT) exercise the management port.
 */
class ProdProfileTest {

    static Properties config() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void productionIsHttpsOnlyAndKeepsHealthOffThePublicPort() throws IOException {
        Properties p = config();
        assertEquals("true", p.getProperty("%prod.coalition.web.hsts"));
        assertEquals("true", p.getProperty("%prod.coalition.web.secure-cookies"));
        assertEquals("true", p.getProperty("%prod.quarkus.oidc.web.authentication.cookie-force-secure"));
        assertEquals("true", p.getProperty("%prod.quarkus.management.enabled"));
        assertEquals("${MANAGEMENT_PORT:9000}", p.getProperty("quarkus.management.port"));
        // outside prod nothing forces them on: the tests and the dev run are plain HTTP
        assertNull(p.getProperty("coalition.web.hsts"));
        assertNull(p.getProperty("quarkus.management.enabled"));
    }
}
