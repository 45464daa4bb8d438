package ru.coalition.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.coalition.devstack.DevStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts PostgreSQL, Keycloak, GreenMail and the SMS stub once for the whole test run (one JVM) and hands the app
 * the same variables production reads. Set COALITION_TEST_EXTERNAL=true with DB_URL, OIDC_SERVER_URL, ... in the
 * environment to test against services you run yourself.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static DevStack stack;

    public static synchronized DevStack stack() {
        if (stack == null) {
            try {
                Path base = Files.createTempDirectory("coalition-test");
                // the realm lets Keycloak redirect back to the port the tests run on (-Dquarkus.http.test-port)
                stack = DevStack.start(new DevStack.Options(base, false, "http://localhost:" + System.getProperty("quarkus.http.test-port", "8081"),
                        DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test services", e);
            }
        }
        return stack;
    }

    @Override
    public Map<String, String> start() {
        if ("true".equals(System.getenv("COALITION_TEST_EXTERNAL"))) {
            return Map.of();
        }
        return stack().environment();
    }

    @Override
    public void stop() {
        // the stack outlives each Quarkus start; the shutdown hook stops it with the JVM
    }
}
