package ru.coalition.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keycloak from the keycloak-quarkus-dist zip on Maven Central (unpacked by the build), storing its data in our
 * embedded PostgreSQL and importing the realm from src/main/keycloak at start.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Process process;
    private final int port;
    private final Path logFile;

    private EmbeddedKeycloak(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * @param home        the unpacked distribution
     * @param realmFile   realm JSON to import (skipped by Keycloak when the realm already exists)
     * @param appBaseUrl  where the app runs, for the web client's redirect URIs
     * @return the running process, not yet ready: call {@link #awaitReady()}
     */
    public static EmbeddedKeycloak start(Path home, Path realmFile, EmbeddedPostgres db, int port, String appBaseUrl,
                                         Path logFile) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IOException("No Keycloak at " + home + ": run the build (it unpacks org.keycloak:keycloak-quarkus-dist)");
        }
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve("coalition-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        // After PostgreSQL restarts, Keycloak's pool keeps lending the connections the server closed ("This connection
        // has been closed", every token request a 500) for minutes; checking a connection as it is lent (and the idle
        // ones every few seconds) makes it reconnect at once. Raw Quarkus properties go in conf/quarkus.properties.
        Files.writeString(home.resolve("conf/quarkus.properties"), """
                quarkus.datasource.jdbc.validate-on-borrow=true
                quarkus.datasource.jdbc.background-validation-interval=10S
                """);

        List<String> cmd = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1",
                "--http-management-port=" + Processes.freePort(),
                "--import-realm", "--cache=local",
                "--db=postgres", "--db-url=" + db.jdbcUrl("keycloak"),
                "--db-username=" + EmbeddedPostgres.USER, "--db-password=" + EmbeddedPostgres.PASSWORD,
                "--log-level=WARN");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("COALITION_APP_URL", appBaseUrl);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        return new EmbeddedKeycloak(pb.start(), port, logFile);
    }

    /** Waits until the realm is served; Keycloak's first start prepares itself for a minute or two. */
    public void awaitReady() throws IOException {
        awaitRealm(Duration.ofMinutes(5), logFile);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/coalition";
    }

    private void awaitRealm(Duration timeout, Path logFile) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited " + process.exitValue() + "; log:\n" + tail(logFile));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            sleep();
        }
        throw new IOException("Keycloak did not serve the realm within " + timeout + "; log:\n" + tail(logFile));
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        Processes.stopTree(process);
    }
}
