package ru.coalition.devstack;

import java.nio.file.Path;
import java.util.Map;

/** The packaged app for the benchmark: the demo's start-up, with registration throttling lifted for the load's members. */
public final class BenchApp {

    /** From starting the JVM to the readiness probe's first 200 (Flyway and the tenant files included). */
    public static long startupMillis;

    private BenchApp() {
    }

    /** PostgreSQL (with pg_stat_statements), Keycloak, the mail catcher and the packaged app, stopped together. */
    public record Running(DevStack stack, Process app, String appUrl) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            if (app != null) {
                app.destroy();
                app.waitFor();
            }
            stack.close();
        }
    }

    /** Starts the stack in a fresh temporary directory and the packaged app on it. */
    public static Running startAll(Path project) throws Exception {
        System.setProperty("devstack.pg.stat-statements", "true");
        Path data = java.nio.file.Files.createTempDirectory("coalition-bench");
        int appPort = DevStack.freePort();
        String appUrl = "http://localhost:" + appPort;
        DevStack stack = DevStack.start(new DevStack.Options(data, false, appUrl, DevStack.freePort(), DevStack.freePort(),
                DevStack.freePort(), DevStack.freePort(), true));
        try {
            return new Running(stack, start(project, stack, appUrl, appPort), appUrl);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public static Process start(Path project, DevStack stack, String appUrl, int port) throws Exception {
        return start(project, stack, appUrl, port, Map.of());
    }

    /** As above, with more environment (e.g. the sending engine's rates and SMTP server for its benchmark). */
    public static Process start(Path project, DevStack stack, String appUrl, int port, Map<String, String> extraEnv) throws Exception {
        int managementPort = DevStack.freePort();
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of("COALITION_REGISTRATION_LIMIT", "1000000",
                "QUARKUS_LOG_CONSOLE_LEVEL", "WARN"));
        env.putAll(extraEnv);
        // deep stacks for the flight recording the benchmark takes of the measured window (jcmd JFR.start)
        env.put("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions=stackdepth=512");
        long t0 = System.nanoTime();
        Process app = DemoLauncher.startApp(project, stack, appUrl, port, managementPort, env);
        DemoLauncher.awaitReady(managementPort, app);
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
        return app;
    }
}
