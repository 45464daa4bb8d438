package ru.coalition.devstack;

import java.nio.file.Path;
import java.util.Map;

/** The packaged app for the benchmark: the demo's start-up, with registration throttling lifted for the load's members. */
public final class BenchApp {

    private BenchApp() {
    }

    public static Process start(Path project, DevStack stack, String appUrl, int port) throws Exception {
        int managementPort = DevStack.freePort();
        Process app = DemoLauncher.startApp(project, stack, appUrl, port, managementPort, Map.of("COALITION_REGISTRATION_LIMIT", "1000000",
                "QUARKUS_LOG_CONSOLE_LEVEL", "WARN"));
        DemoLauncher.awaitReady(managementPort, app);
        return app;
    }
}
