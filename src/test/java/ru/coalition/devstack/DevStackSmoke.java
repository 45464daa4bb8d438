package ru.coalition.devstack;

import java.nio.file.Files;

/** Starts and stops the stack once, printing timings: a quick check of the embedded services by hand. */
public final class DevStackSmoke {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (DevStack stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-smoke"), false,
                "http://localhost:8081", Processes.freePort(), Processes.freePort(), Processes.freePort(), Processes.freePort(), true))) {
            System.out.printf("stack up in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, stack.environment());
        }
    }
}
