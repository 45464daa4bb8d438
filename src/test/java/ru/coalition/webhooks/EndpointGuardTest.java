package ru.coalition.webhooks;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The SSRF guard as production runs it (https only, no internal addresses): every internal target refused. */
class EndpointGuardTest {

    private final EndpointGuard prod = new EndpointGuard(true, false);

    @Test
    void productionRefusesPlainHttpAndEveryInternalAddress() {
        assertEquals(Optional.of(EndpointGuard.Refusal.SCHEME), prod.check("http://93.184.216.34/hook"));
        assertEquals(Optional.of(EndpointGuard.Refusal.SCHEME), prod.check("ftp://93.184.216.34/hook"));
        assertEquals(Optional.of(EndpointGuard.Refusal.HOST), prod.check("https://user:pw@93.184.216.34/hook"));
        assertEquals(Optional.of(EndpointGuard.Refusal.HOST), prod.check("not a url"));
        for (String internal : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://10.1.2.3/", "https://172.16.5.4/",
                "https://192.168.0.5/", "https://169.254.169.254/latest/meta-data/", "https://0.0.0.0/", "https://100.64.0.1/",
                "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://224.0.0.1/")) {
            assertEquals(Optional.of(EndpointGuard.Refusal.PRIVATE), prod.check(internal), internal);
        }
        // 127.0.0.1 written as one number: refused, whether the JDK reads it as an address or not at all
        assertFalse(prod.check("https://2130706433/").isEmpty());
        assertEquals(Optional.empty(), prod.check("https://93.184.216.34/hooks/coalition"));
        assertEquals(Optional.empty(), prod.check("https://[2606:2800:220:1:248:1893:25c8:1946]/hook"));
    }

    @Test
    void devAndTestAllowALocalReceiver() {
        EndpointGuard dev = new EndpointGuard(false, true);
        assertEquals(Optional.empty(), dev.check("http://127.0.0.1:9999/hook"));
        assertEquals(Optional.of(EndpointGuard.Refusal.SCHEME), dev.check("file:///etc/passwd"));
    }

    @Test
    void theDefaultsAreProductionsAndOnlyDevAndTestRelaxThem() throws Exception {
        assertEquals("true", WebhooksConfig.class.getMethod("requireHttps").getAnnotation(WithDefault.class).value());
        assertEquals("false", WebhooksConfig.class.getMethod("allowPrivateAddresses").getAnnotation(WithDefault.class).value());
        List<String> relaxed = Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(l -> l.contains("webhooks.require-https") || l.contains("webhooks.allow-private-addresses")).toList();
        assertFalse(relaxed.isEmpty());
        for (String line : relaxed) {
            assertFalse(!line.startsWith("%dev.") && !line.startsWith("%test."), "only dev and test relax the guard: " + line);
        }
    }
}
