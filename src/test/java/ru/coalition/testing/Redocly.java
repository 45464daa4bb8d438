package ru.coalition.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redocly CLI (npm {@code @redocly/cli}), installed with npm into target/redocly at a pinned version, for linting the
 * OpenAPI document. Needs Node.js and npm on the PATH (the developers' machines and CI have them); the only network it
 * uses is the npm registry, once per clean build. Telemetry and the update check are off.
 */
public final class Redocly {

    /** 2.x runs on Node.js 20.19+ and 22.12+ (the machines have Node.js 20). */
    public static final String VERSION = "2.77.0";

    private static final Path HOME = Path.of("target", "redocly");
    private static final Path BIN = HOME.resolve("node_modules/.bin/redocly");
    private static final Path PACKAGE = HOME.resolve("node_modules/@redocly/cli/package.json");

    /** What one lint said: redocly's own totals and its report for people. */
    public record Lint(int errors, int warnings, String report) {
        public boolean clean() {
            return errors == 0 && warnings == 0;
        }
    }

    private Redocly() {
    }

    /** Lints {@code document} with the rules of {@code config}: counts from the JSON format, the report as redocly prints it. */
    public static Lint lint(Path document, Path config) {
        install();
        Run json = run(List.of(BIN.toAbsolutePath().toString(), "lint", document.toString(), "--config", config.toString(),
                "--format", "json"), 120);
        JsonNode totals;
        try {
            totals = new ObjectMapper().readTree(json.stdout()).path("totals");
        } catch (IOException e) {
            throw new AssertionError("redocly lint did not answer JSON (exit " + json.exit() + "):\n" + json.stdout() + json.stderr(), e);
        }
        if (!totals.has("errors")) {
            throw new AssertionError("redocly lint gave no totals (exit " + json.exit() + "):\n" + json.stdout() + json.stderr());
        }
        Run report = run(List.of(BIN.toAbsolutePath().toString(), "lint", document.toString(), "--config", config.toString(),
                "--format", "codeframe"), 120);
        return new Lint(totals.path("errors").asInt(), totals.path("warnings").asInt(), report.stdout() + report.stderr());
    }

    /** npm install of the pinned version, unless target/redocly has it already. */
    static synchronized void install() {
        requireNode();
        try {
            if (Files.isExecutable(BIN) && Files.exists(PACKAGE)
                    && VERSION.equals(new ObjectMapper().readTree(PACKAGE.toFile()).path("version").asText())) {
                return;
            }
            Files.createDirectories(HOME);
        } catch (IOException e) {
            throw new AssertionError("cannot prepare " + HOME.toAbsolutePath(), e);
        }
        Run install = run(List.of("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund",
                "--no-update-notifier", "--loglevel", "error", "@redocly/cli@" + VERSION), 600);
        if (install.exit() != 0 || !Files.isExecutable(BIN)) {
            throw new AssertionError("npm install @redocly/cli@" + VERSION + " failed (exit " + install.exit() + "):\n"
                    + install.stdout() + install.stderr());
        }
    }

    /** Node.js 20.19 or newer, as @redocly/cli 2.x asks: an older one installs it with a warning, then fails oddly. */
    private static void requireNode() {
        Run node = run(List.of("node", "--version"), 30);
        Matcher v = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(node.stdout());
        if (node.exit() != 0 || !v.find()) {
            throw new AssertionError("node --version failed (exit " + node.exit() + "): " + node.stdout() + node.stderr());
        }
        int major = Integer.parseInt(v.group(1));
        int minor = Integer.parseInt(v.group(2));
        if (major < 20 || major == 20 && minor < 19 || major == 21 || major == 22 && minor < 12) {
            throw new AssertionError("@redocly/cli " + VERSION + " needs Node.js 20.19+ or 22.12+; the PATH has "
                    + node.stdout().strip());
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(List<String> command, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        pb.environment().put("NO_COLOR", "1");
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("redocly", ".out");
            err = Files.createTempFile("redocly", ".err");
            Process p;
            try {
                p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("'" + command.get(0) + "' cannot be started: the OpenAPI lint needs Node.js (20.19 or newer)"
                        + " and npm on the PATH, e.g. apt-get install nodejs npm", e);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        } finally {
            try {
                if (out != null) {
                    Files.deleteIfExists(out);
                }
                if (err != null) {
                    Files.deleteIfExists(err);
                }
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }
}
