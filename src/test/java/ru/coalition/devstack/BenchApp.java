package ru.coalition.devstack;

import java.nio.file.Path;
import java.util.Map;

/** The packaged app for the benchmark: the demo's start-up, with registration throttling lifted for the load's members. */
public final class BenchApp {

    /** From starting the JVM to the readiness probe's first 200 (Flyway and the tenant files included). */
    public static long startupMillis;

    private BenchApp() {
    }

    public static Process start(Path project, DevStack stack, String appUrl, int port) throws Exception {
        int managementPort = DevStack.freePort();
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of("COALITION_REGISTRATION_LIMIT", "1000000",
                "QUARKUS_LOG_CONSOLE_LEVEL", "WARN"));
        // deep stacks for the flight recording the benchmark takes of the measured window (jcmd JFR.start)
        env.put("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions=stackdepth=512");
        long t0 = System.nanoTime();
        Process app = DemoLauncher.startApp(project, stack, appUrl, port, managementPort, env);
        DemoLauncher.awaitReady(managementPort, app);
        startupMillis = (System.nanoTime() - t0) / 1_000_000;
        return app;
    }
}
