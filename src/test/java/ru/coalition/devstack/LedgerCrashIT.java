package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proven under faults: the packaged app against the test PostgreSQL, with 32 tills posting purchases, refunds and
 * redemptions and blindly retrying each one (the same receipt, refund or redemption id and the same body) after a
 * timeout, a refused connection or a 5xx, while the app is killed with {@code kill -9} every 10–30 s and started again,
 * and PostgreSQL itself is crashed once ({@code pg_ctl stop -m immediate}) and restarted under the running app, which
 * has to reconnect on its own; and once the app is frozen (SIGSTOP) for longer than the tills' read timeout, so that
 * retries arrive while the first posts are still in the app. Afterwards (the app stopped and started cleanly, the
 * rows read through JDBC): every receipt that ever got a 2xx is in the ledger exactly once, with the answer the till
 * got; every acknowledged refund and redemption is applied exactly once and nothing refused is applied at all; a
 * replay of every acknowledged request answers 200 with the first answer; the ledger audit is clean.
 * <p>
 * One seed drives every random choice: the tills' operations, members and amounts (one {@link Random} per till) and
 * the moments of the faults. It is printed first and in the figures; rerun with {@code -Dcrash.seed=…}.
 * Thread scheduling, and so which requests a kill cuts off and which refunds and redemptions the balances allow,
 * is not deterministic: a rerun with the same seed makes the same kinds of choices, not the same interleaving.
 * <p>
 * {@code -Dcrash.seconds} (default 120) is the length of the load; the whole test takes one to two minutes
 * more (starting Keycloak, the replays and checks). {@code -Dcrash.threads} (default 32) the number of tills.
 * The app's logs are kept in target/crash-it/app-N.log (N-th start).
 */
class LedgerCrashIT {

    static final long SEED = Long.getLong("crash.seed", new Random().nextLong());
    static final int SECONDS = Integer.getInteger("crash.seconds", 120);
    static final int THREADS = Integer.getInteger("crash.threads", 32);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** After the load: time the tills get to bring their last requests to a definitive answer. */
    static final Duration SETTLE = Duration.ofSeconds(90);
    /** The app must serve writes again this soon after PostgreSQL is back, without being restarted. */
    static final Duration DB_RECOVERY_LIMIT = Duration.ofSeconds(30);
    static final String[] PARTNERS = {"kit-media", "smol-neft"};
    static final String MEMBER_PASSWORD = "Crash-pass-1";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

    static DevStack stack;
    static volatile Process app;
    static int appPort;
    static int managementPort;
    static String appUrl;
    static Path logDir;
    static final AtomicInteger appStarts = new AtomicInteger();
    static final Map<String, String> APP_ENV = Map.of("QUARKUS_LOG_CONSOLE_LEVEL", "WARN", "COALITION_REGISTRATION_LIMIT", "1000");

    @BeforeAll
    static void start() throws Exception {
        long began = System.nanoTime();
        System.out.printf("[crash] seed=%d (rerun with -Dcrash.seed=%d), load %d s, %d tills%n", SEED, SEED, SECONDS, THREADS);
        appPort = DevStack.freePort();
        managementPort = DevStack.freePort();
        appUrl = "http://localhost:" + appPort;
        logDir = DevStack.projectDir().resolve("target/crash-it");
        Processes.deleteTree(logDir);
        Files.createDirectories(logDir);
        // durable: with synchronous_commit off an immediate stop loses the last commits the app was told about
        stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-crash"), true, appUrl,
                DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false));
        startApp();
        System.out.printf("[crash] PostgreSQL, Keycloak, mail, SMS stub and the app up in %.0f s%n", secs(System.nanoTime() - began));
    }

    @AfterAll
    static void stop() {
        Processes.stopTree(app);
        if (stack != null) {
            stack.close();
        }
    }

    static void startApp() throws Exception {
        int n = appStarts.incrementAndGet();
        Path log = logDir.resolve("app-" + n + ".log");
        Files.deleteIfExists(log);
        app = DemoLauncher.startApp(DevStack.projectDir(), stack, appUrl, appPort, managementPort, APP_ENV, log);
        try {
            DemoLauncher.awaitReady(managementPort, app);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("app start #" + n + " did not become ready; its log: " + log, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    enum Kind { PURCHASE, REFUND, REDEMPTION }

    /** Figures per kind of operation. */
    static final class Figures {
        final LongAdder attempted = new LongAdder();
        final LongAdder created = new LongAdder();   // 201
        final LongAdder replayed = new LongAdder();  // 200 as the first definitive answer: an earlier try had gone through
        final LongAdder refused = new LongAdder();   // definitive 4xx
        final LongAdder unresolved = new LongAdder();
        final LongAdder retries = new LongAdder();
        final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    }

    static final Map<Kind, Figures> FIGURES = new java.util.EnumMap<>(Map.of(Kind.PURCHASE, new Figures(),
            Kind.REFUND, new Figures(), Kind.REDEMPTION, new Figures()));
    static final LongAdder timeouts = new LongAdder();
    static final LongAdder connectionErrors = new LongAdder();
    static final LongAdder serverErrors = new LongAdder();
    static final LongAdder unauthorized = new LongAdder();
    static final LongAdder tokenErrors = new LongAdder();
    static final AtomicLong lastOkNanos = new AtomicLong();
    static final AtomicLong lastServerErrorNanos = new AtomicLong();
    static final List<String> findings = Collections.synchronizedList(new ArrayList<>());

    /** A request that got a definitive answer (or none: status 0). */
    record Sent(String id, String partner, String path, String body, int status, String answer, int tries) {
    }

    static final Map<String, Sent> receipts = new ConcurrentHashMap<>();     // by receiptId, 2xx and refused alike
    static final Map<String, Sent> refunds = new ConcurrentHashMap<>();
    static final Map<String, Sent> redemptions = new ConcurrentHashMap<>();

    record Member(String cardNumber, String login, KeycloakToken token) {
    }

    static volatile long loadEndNanos;
    static volatile long hardEndNanos;

    @Test
    void everyAcknowledgedOperationIsInTheLedgerExactlyOnceThroughKillsAndADatabaseCrash() throws Exception {
        long began = System.nanoTime();
        Map<String, KeycloakToken> tills = new HashMap<>();
        for (String p : PARTNERS) {
            tills.put(p, KeycloakToken.client(stack.keycloak.realmUrl(), p + "-pos", p + "-pos-secret"));
        }
        KeycloakToken operator = KeycloakToken.user(stack.keycloak.realmUrl(), "operator", "demo1234");
        List<Member> members = registerMembers(operator);

        long loadStart = System.nanoTime();
        loadEndNanos = loadStart + TimeUnit.SECONDS.toNanos(SECONDS);
        hardEndNanos = loadEndNanos + SETTLE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tillsDone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Till till = new Till(t, new Random(mix(SEED, t)), tills, members);
            tillsDone.add(pool.submit(() -> {
                till.run();
                return null;
            }));
        }
        FaultLog faults = injectFaults(loadStart);
        for (Future<?> f : tillsDone) {
            f.get(SECONDS + SETTLE.toSeconds() + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long loadNanos = System.nanoTime() - loadStart;

        // a clean stop and start: whatever the checks see comes from the database, not from a warm process
        JsonNode audit = JSON.createObjectNode();
        try {
            Processes.stopTree(app);
            startApp();
            findings.addAll(replayEverything(tills));
            audit = JSON.readTree(call("GET", "/api/v1/operator/ledger/audit", null, operator).body());
            if (!audit.path("breaches").isArray() || !audit.path("breaches").isEmpty()) {
                findings.add("ledger audit breaches: " + audit.path("breaches") + " (" + audit + ")");
            }
            checkDatabase();
        } catch (Exception e) {
            findings.add("the checks after the run failed: " + e);
            throw e;
        } finally {
            for (Kind k : Kind.values()) {
                if (FIGURES.get(k).unresolved.sum() > 0) {
                    findings.add(FIGURES.get(k).unresolved.sum() + " " + k + " request(s) got no definitive answer in "
                            + SETTLE.toSeconds() + " s after the load, the app up");
                }
            }
            printFigures(faults, loadNanos, System.nanoTime() - began, audit);
        }
        assertTrue(findings.isEmpty(), findings.size() + " finding(s), seed " + SEED + ":\n" + String.join("\n", findings));
    }

    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One member per till (a till redeems only its own member's points, so payment codes never cross). */
    static List<Member> registerMembers(KeycloakToken operator) throws Exception {
        String admin = KeycloakToken.form(stack.keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", EmbeddedKeycloak.ADMIN_USER,
                        "password", EmbeddedKeycloak.ADMIN_PASSWORD)).path("access_token").asText();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String phone = "+7930" + String.format("%07d", i);
            String questionnaire = """
                    {"lastName":"Сбойная","firstName":"Проверка","phone":"%s","email":"crash%d@example.org","birthDate":"1991-02-03",
                     "gender":"female","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k","preferredChannel":"email",
                     "consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}""".formatted(phone, i);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/members")).timeout(READ_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(questionnaire)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("registration " + phone + ": " + r.statusCode() + " " + r.body());
            }
            String card = JSON.readTree(r.body()).path("cardNumber").asText();
            String login = phone.substring(1);
            String users = stack.keycloak.baseUrl() + "/admin/realms/coalition/users";
            JsonNode found = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username=" + login))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
            int reset = HTTP.send(HttpRequest.newBuilder(URI.create(users + "/" + found.get(0).path("id").asText() + "/reset-password"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"password\",\"value\":\"" + MEMBER_PASSWORD + "\",\"temporary\":false}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (reset != 204) {
                throw new IllegalStateException("password reset for " + login + ": " + reset);
            }
            // spendable points from the start, in the coalition wallet (smol-neft) and in kit-media's own
            for (String wallet : List.of("coalition", "kit-media")) {
                HttpResponse<String> a = call("POST", "/api/v1/operator/ledger/adjustments", JSON.writeValueAsString(Map.of(
                        "cardNumber", card, "wallet", wallet, "points", 3000, "reason", "стартовый остаток для проверки сбоев")), operator);
                if (a.statusCode() != 201) {
                    throw new IllegalStateException("adjustment: " + a.statusCode() + " " + a.body());
                }
            }
            // logged in now, one by one: Keycloak refuses a user's parallel logins ("user_temporarily_disabled"), which
            // a login retried after a timeout during the load can be
            KeycloakToken token = KeycloakToken.user(stack.keycloak.realmUrl(), login, MEMBER_PASSWORD);
            token.get();
            members.add(new Member(card, login, token));
        }
        return members;
    }

    // ------------------------------------------------------------------------------------------------ faults

    record FaultLog(int kills, int postgresRestarts, int freezes, double dbRecoverySeconds, double lastDbErrorSeconds, List<String> events) {
    }

    /** Kills the app every 10–30 s (from the seed) until the load ends; once, half way, crashes PostgreSQL instead. */
    static FaultLog injectFaults(long loadStart) throws Exception {
        Random rnd = new Random(mix(SEED, 1_000_003));
        long freezeAt = loadStart + TimeUnit.SECONDS.toNanos(SECONDS) / 4;
        long pgAt = loadStart + TimeUnit.SECONDS.toNanos(SECONDS) / 2;
        boolean freezeDone = false;
        boolean pgDone = false;
        int kills = 0;
        double recovery = -1;
        double lastError = -1;
        List<String> events = new ArrayList<>();
        long lastFault = loadStart;
        while (true) {
            // 10–30 s after the previous fault, but the app gets at least 3 s of load after it became ready
            long next = Math.max(lastFault + TimeUnit.MILLISECONDS.toNanos(10_000 + rnd.nextInt(20_001)),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
            if (!freezeDone && next > freezeAt && freezeAt < loadEndNanos) {
                // a stall longer than the tills' read timeout: they post again while the first posts are still in the
                // app, which then works through both at once (the replay races a kill seldom produces)
                sleepUntil(freezeAt);
                freezeDone = true;
                long t = System.nanoTime();
                long pid = app.pid();
                Processes.run(List.of("kill", "-STOP", String.valueOf(pid)), logDir, null);
                Thread.sleep(READ_TIMEOUT.toMillis() + 3_000);
                Processes.run(List.of("kill", "-CONT", String.valueOf(pid)), logDir, null);
                events.add(String.format("%.1fs app frozen (SIGSTOP) for %.1fs", secs(t - loadStart), secs(System.nanoTime() - t)));
                lastFault = System.nanoTime();
                continue;
            }
            if (!pgDone && next > pgAt && pgAt < loadEndNanos) {
                sleepUntil(pgAt);
                pgDone = true;
                long down = System.nanoTime();
                lastFault = down;
                stack.postgres.restartImmediate();
                long up = System.nanoTime();
                events.add(String.format("%.1fs postgres crashed (immediate) and restarted in %.1fs", secs(down - loadStart), secs(up - down)));
                // no kill now: the running app has to find its way back to the database by itself
                long limit = up + DB_RECOVERY_LIMIT.toNanos();
                while (lastOkNanos.get() < up && System.nanoTime() < limit) {
                    Thread.sleep(100);
                }
                if (lastOkNanos.get() < up) {
                    findings.add(String.format("the app served no write for %d s after PostgreSQL came back (app log %s)",
                            DB_RECOVERY_LIMIT.toSeconds(), logDir.resolve("app-" + appStarts.get() + ".log")));
                } else {
                    recovery = secs(lastOkNanos.get() - up);
                    // and then it stops failing: no 5xx for 5 s in a row
                    while (System.nanoTime() < limit && System.nanoTime() - Math.max(lastServerErrorNanos.get(), up) < TimeUnit.SECONDS.toNanos(5)) {
                        Thread.sleep(100);
                    }
                    lastError = lastServerErrorNanos.get() > up ? secs(lastServerErrorNanos.get() - up) : 0;
                    if (System.nanoTime() >= limit) {
                        findings.add(String.format("5xx answers went on for %d s after PostgreSQL came back (app log %s)",
                                DB_RECOVERY_LIMIT.toSeconds(), logDir.resolve("app-" + appStarts.get() + ".log")));
                    }
                }
                events.add(String.format("%.1fs first write %.1fs after postgres was back, last 5xx %.1fs after", secs(System.nanoTime() - loadStart),
                        recovery, lastError));
                lastFault = System.nanoTime(); // the recovery wait above held the kills back
                continue;
            }
            if (next >= loadEndNanos) {
                break;
            }
            sleepUntil(next);
            long t = System.nanoTime();
            lastFault = t;
            Process victim = app;
            victim.descendants().forEach(ProcessHandle::destroyForcibly);
            victim.destroyForcibly(); // SIGKILL
            victim.waitFor();
            kills++;
            startApp();
            events.add(String.format("%.1fs kill -9 #%d (pid %d), ready again after %.1fs", secs(t - loadStart), kills, victim.pid(),
                    secs(System.nanoTime() - t)));
        }
        sleepUntil(loadEndNanos);
        return new FaultLog(kills, pgDone ? 1 : 0, freezeDone ? 1 : 0, recovery, lastError, events);
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(500, left / 1_000_000)));
        }
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

    // ------------------------------------------------------------------------------------------------ tills

    /** A till: posts purchases, refunds of its own acknowledged receipts and redemptions of its own member's points. */
    static final class Till {
        final int no;
        final Random rnd;
        final Random backoff;
        final Map<String, KeycloakToken> tokens;
        final List<Member> members;
        final Member own;
        /** Acknowledged receipts of this till with what is left of each line (kopecks), by receiptId. */
        final Map<String, long[]> open = new LinkedHashMap<>();
        final Map<String, String> partnerOf = new HashMap<>();
        int seq;

        Till(int no, Random rnd, Map<String, KeycloakToken> tokens, List<Member> members) {
            this.no = no;
            this.rnd = rnd;
            this.backoff = new Random(mix(SEED, -no - 1));
            this.tokens = tokens;
            this.members = members;
            this.own = members.get(no);
        }

        void run() throws Exception {
            while (System.nanoTime() < loadEndNanos) {
                double p = rnd.nextDouble();
                if (p < 0.25 && !open.isEmpty()) {
                    refund();
                } else if (p < 0.45) {
                    redemption();
                } else {
                    purchase();
                }
            }
        }

        void purchase() throws Exception {
            String partner = PARTNERS[rnd.nextInt(PARTNERS.length)];
            String receiptId = String.format("CR-%02d-%05d", no, ++seq);
            Member m = members.get(rnd.nextInt(members.size()));
            int n = 1 + rnd.nextInt(3);
            long[] amounts = new long[n];
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                amounts[i] = 10_000 + rnd.nextInt(290_001); // 100.00 to 3 000.00
                lines.add(Map.of("sku", "SKU-" + (i + 1), "name", "Позиция " + (i + 1), "amount", money(amounts[i]),
                        "category", partner.equals("kit-media") ? "print" : "fuel"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("receiptId", receiptId);
            body.put("occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(3)).minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString());
            body.put("member", Map.of("cardNumber", m.cardNumber()));
            body.put("lines", lines);
            Sent s = send(Kind.PURCHASE, receiptId, partner, "/api/v1/purchases", JSON.writeValueAsString(body), tokens.get(partner));
            receipts.put(receiptId, s);
            if (s.status() / 100 == 2) {
                open.put(receiptId, amounts);
                partnerOf.put(receiptId, partner);
            }
        }

        void refund() throws Exception {
            List<String> ids = new ArrayList<>(open.keySet());
            String receiptId = ids.get(rnd.nextInt(ids.size()));
            long[] left = open.get(receiptId);
            int line = rnd.nextInt(left.length);
            if (left[line] == 0) {
                return;
            }
            // now and then the whole rest of the line, otherwise a part of it
            long amount = rnd.nextInt(4) == 0 ? left[line] : 1 + (long) (rnd.nextDouble() * left[line]);
            String refundId = String.format("CF-%02d-%05d", no, ++seq);
            String body = JSON.writeValueAsString(Map.of("refundId", refundId,
                    "lines", List.of(Map.of("sku", "SKU-" + (line + 1), "amount", money(amount)))));
            String partner = partnerOf.get(receiptId);
            Sent s = send(Kind.REFUND, refundId, partner, "/api/v1/purchases/" + receiptId + "/refunds", body, tokens.get(partner));
            refunds.put(refundId, s);
            if (s.status() / 100 == 2) {
                left[line] -= amount;
                if (java.util.Arrays.stream(left).allMatch(x -> x == 0)) {
                    open.remove(receiptId);
                }
            }
        }

        void redemption() throws Exception {
            String partner = PARTNERS[rnd.nextInt(PARTNERS.length)];
            long points = 1 + rnd.nextInt(400);
            String redemptionId = String.format("CD-%02d-%05d", no, ++seq);
            // the member's fresh one-time code (a retry here just issues another, replacing the first)
            HttpResponse<String> c = null;
            while (System.nanoTime() < hardEndNanos) {
                c = attempt("POST", "/api/v1/me/payment-codes", "", own.token());
                if (c != null && c.statusCode() == 201) {
                    break;
                }
                pause(1);
            }
            if (c == null || c.statusCode() != 201) {
                return;
            }
            String code = JSON.readTree(c.body()).path("code").asText();
            String body = JSON.writeValueAsString(Map.of("redemptionId", redemptionId, "member", Map.of("cardNumber", own.cardNumber()),
                    "points", points, "code", code));
            redemptions.put(redemptionId, send(Kind.REDEMPTION, redemptionId, partner, "/api/v1/redemptions", body, tokens.get(partner)));
        }

        /** Sends the same request until a definitive answer: 2xx, or a 4xx other than 401 and 408. */
        Sent send(Kind kind, String id, String partner, String path, String body, KeycloakToken token) throws Exception {
            Figures f = FIGURES.get(kind);
            f.attempted.increment();
            int tries = 0;
            while (System.nanoTime() < hardEndNanos) {
                tries++;
                if (tries > 1) {
                    f.retries.increment();
                    pause(tries - 1);
                }
                HttpResponse<String> r = attempt("POST", path, body, token);
                if (r == null) {
                    continue;
                }
                int s = r.statusCode();
                if (s / 100 == 2) {
                    (s == 201 ? f.created : f.replayed).increment();
                    return new Sent(id, partner, path, body, s, r.body(), tries);
                }
                if (s == 409 && r.body().contains("redemption.in-progress")) {
                    continue; // the contract's "still being processed": ask again
                }
                String code = s + " " + JSON.readTree(r.body()).path("code").asText();
                f.refused.increment();
                f.refusals.computeIfAbsent(code, k -> new LongAdder()).increment();
                return new Sent(id, partner, path, body, s, r.body(), tries);
            }
            f.unresolved.increment();
            return new Sent(id, partner, path, body, 0, null, tries);
        }

        void pause(int retry) throws InterruptedException {
            long cap = Math.min(2_000, 100L << Math.min(retry, 5));
            Thread.sleep(cap / 2 + backoff.nextInt((int) (cap / 2) + 1));
        }
    }

    /** Why this thread's last try got no answer, for the message when a calm call gives up. */
    static final ThreadLocal<String> lastFailure = new ThreadLocal<>();

    /**
     * One HTTP try; null after a timeout, a connection error, a 5xx, 408 or 401 (counted), else the response. A 429 is an
     * answer: the payment-code throttle (after wrong codes, which a late code request replacing the code the till got can
     * cause) lasts ten minutes.
     */
    static HttpResponse<String> attempt(String method, String path, String body, KeycloakToken token) {
        String bearer;
        try {
            bearer = token.get();
        } catch (Exception e) {
            tokenErrors.increment(); // Keycloak unreachable for a moment (PostgreSQL restarting)
            lastFailure.set("no token: " + e.getMessage());
            return null;
        }
        lastFailure.set(null);
        try {
            HttpResponse<String> r = HTTP.send(request(method, path, body, bearer), HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            lastFailure.set(s + " " + r.body());
            if (s >= 500) {
                serverErrors.increment();
                lastServerErrorNanos.set(System.nanoTime());
                return null;
            }
            if (s == 401) {
                unauthorized.increment();
                token.invalidate(bearer);
                return null;
            }
            if (s == 408) {
                serverErrors.increment();
                return null;
            }
            if (s / 100 == 2) {
                lastOkNanos.set(System.nanoTime());
            }
            return r;
        } catch (HttpTimeoutException e) {
            timeouts.increment();
            lastFailure.set(e.toString());
        } catch (ConnectException e) {
            connectionErrors.increment();
            lastFailure.set(e.toString());
        } catch (IOException e) {
            connectionErrors.increment(); // reset, closed mid-answer
            lastFailure.set(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return null;
    }

    static HttpRequest request(String method, String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(appUrl + path)).timeout(READ_TIMEOUT)
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body == null) {
            return b.GET().build();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A request on a calm system (setup and checks), retried a little. */
    static HttpResponse<String> call(String method, String path, String body, KeycloakToken token) throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = attempt(method, path, body, token);
            if (r != null) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(method + " " + path + " got no answer; the last try: " + lastFailure.get());
    }

    static String money(long kopecks) {
        return String.format("%d.%02d", kopecks / 100, kopecks % 100);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Every acknowledged request once more: 200 and the first answer, whatever happened in between. */
    static List<String> replayEverything(Map<String, KeycloakToken> tills) throws Exception {
        List<Sent> acked = new ArrayList<>();
        for (Map<String, Sent> m : List.of(receipts, refunds, redemptions)) {
            m.values().stream().filter(s -> s.status() / 100 == 2).forEach(acked::add);
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (Sent s : acked) {
            done.add(pool.submit(() -> {
                HttpResponse<String> r = call("POST", s.path(), s.body(), tills.get(s.partner()));
                if (r.statusCode() != 200) {
                    problems.add("replay of " + s.id() + " answered " + r.statusCode() + " " + r.body());
                } else if (!JSON.readTree(r.body()).equals(JSON.readTree(s.answer()))) {
                    problems.add("replay of " + s.id() + " answered " + r.body() + " but the first answer was " + s.answer());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        replayed = acked.size();
        return new ArrayList<>(problems);
    }

    static int replayed;
    static final Map<String, Long> dbCounts = new LinkedHashMap<>();

    /** The rows behind every answer, read straight from PostgreSQL. */
    static void checkDatabase() throws SQLException, IOException {
        Properties credentials = new Properties();
        credentials.setProperty("user", EmbeddedPostgres.USER);
        credentials.setProperty("password", EmbeddedPostgres.PASSWORD);
        try (Connection c = new org.postgresql.Driver().connect(stack.postgres.jdbcUrl("coalition"), credentials);
             Statement st = c.createStatement()) {
            // purchases: (slug, receipt) -> public id, accrual entries and their sum
            Map<String, long[]> accruals = new HashMap<>();
            Map<String, String> publicIds = new HashMap<>();
            try (ResultSet rs = st.executeQuery("""
                    select pa.slug, p.receipt_id, p.public_id::text, count(e.id), coalesce(sum(e.amount), 0)
                    from purchase p join partner pa on pa.id = p.partner_id
                    left join ledger_entry e on e.source_type = 'purchase' and e.source_id = p.id and e.kind = 'ACCRUAL'
                    where p.receipt_id like 'CR-%' group by pa.slug, p.receipt_id, p.public_id""")) {
                while (rs.next()) {
                    String key = rs.getString(1) + "/" + rs.getString(2);
                    if (accruals.put(key, new long[] {rs.getLong(4), rs.getLong(5)}) != null) {
                        findings.add("two purchase rows for " + key);
                    }
                    publicIds.put(key, rs.getString(3));
                }
            }
            dbCounts.put("purchases", (long) accruals.size());
            for (Sent s : receipts.values()) {
                String key = s.partner() + "/" + s.id();
                long[] a = accruals.get(key);
                if (s.status() / 100 == 2) {
                    JsonNode answer = JSON.readTree(s.answer());
                    if (a == null) {
                        findings.add("receipt " + key + " was acknowledged (" + s.status() + " " + s.answer() + ") but has no purchase row");
                    } else if (a[0] != 1 || a[1] != answer.path("breakdown").path("accrual").asLong()) {
                        findings.add("receipt " + key + " has " + a[0] + " ACCRUAL entries summing to " + a[1] + "; answer " + s.answer());
                    } else if (!publicIds.get(key).equals(answer.path("purchaseId").asText())) {
                        findings.add("receipt " + key + " was acknowledged as purchase " + answer.path("purchaseId").asText()
                                + " but the row is " + publicIds.get(key));
                    }
                } else if (s.status() != 0 && a != null) {
                    findings.add("receipt " + key + " was refused (" + s.status() + " " + s.answer() + ") yet has a purchase row");
                }
                if (s.status() / 100 == 4) {
                    findings.add("receipt " + key + " refused although every post of it was the same: " + s.status() + " " + s.answer());
                }
            }
            for (String key : accruals.keySet()) {
                Sent s = receipts.get(key.substring(key.indexOf('/') + 1));
                if (s == null || (s.status() / 100 != 2 && s.status() != 0)) {
                    findings.add("purchase row " + key + " that no till was told about");
                }
            }

            // refunds: rows, their reversal entries, and the lines they took back
            Map<String, long[]> reversals = new HashMap<>();
            try (ResultSet rs = st.executeQuery("""
                    select r.refund_id, r.points_reversed + r.bonuses_reversed, count(e.id), coalesce(sum(e.amount), 0),
                           count(distinct (e.wallet_id, e.note)) filter (where e.id is not null), r.points_reversed
                    from refund r left join ledger_entry e on e.source_type = 'refund' and e.source_id = r.id
                    where r.refund_id like 'CF-%' group by r.id""")) {
                while (rs.next()) {
                    if (reversals.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)}) != null) {
                        findings.add("two refund rows for " + rs.getString(1));
                    }
                }
            }
            dbCounts.put("refunds", (long) reversals.size());
            for (Map.Entry<String, long[]> e : reversals.entrySet()) {
                long[] r = e.getValue();
                // one REVERSAL per wallet and what it takes back (the purchase's points, each bonus it triggered)
                if ((r[0] == 0) != (r[1] == 0) || r[1] != r[3] || r[2] != -r[0]) {
                    findings.add("refund " + e.getKey() + " reversed " + r[0] + " points but has " + r[1] + " REVERSAL entries summing to " + r[2]);
                }
                Sent s = refunds.get(e.getKey());
                if (s == null || (s.status() / 100 != 2 && s.status() != 0)) {
                    findings.add("refund row " + e.getKey() + " though its till got " + (s == null ? "nothing" : s.status() + " " + s.answer()));
                }
            }
            for (Sent s : refunds.values()) {
                if (s.status() / 100 == 2) {
                    long[] r = reversals.get(s.id());
                    long promised = JSON.readTree(s.answer()).path("pointsReversed").asLong();
                    if (r == null) {
                        findings.add("refund " + s.id() + " was acknowledged (" + s.answer() + ") but has no row");
                    } else if (r[4] != promised) {
                        findings.add("refund " + s.id() + " answered " + promised + " points reversed, the row says " + r[0]);
                    }
                } else if (s.status() / 100 == 4) {
                    findings.add("refund " + s.id() + " refused although it fits what is left of its receipt: " + s.status() + " " + s.answer());
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    select p.receipt_id, l.refunded, coalesce((select sum(r.amount) from refund r where r.purchase_id = p.id), 0)
                    from purchase p join (select purchase_id, sum(refunded) refunded from purchase_line group by purchase_id) l
                      on l.purchase_id = p.id
                    where p.receipt_id like 'CR-%'
                      and l.refunded <> coalesce((select sum(r.amount) from refund r where r.purchase_id = p.id), 0)""")) {
                while (rs.next()) {
                    findings.add("receipt " + rs.getString(1) + ": lines show " + rs.getLong(2) + " kopecks refunded, refund rows " + rs.getLong(3));
                }
            }

            // redemptions
            Map<String, long[]> debits = new HashMap<>();
            Map<String, String> redemptionIds = new HashMap<>();
            try (ResultSet rs = st.executeQuery("""
                    select r.redemption_id, r.points, count(e.id), coalesce(sum(e.amount), 0), r.public_id::text
                    from redemption r left join ledger_entry e on e.source_type = 'redemption' and e.source_id = r.id
                    where r.redemption_id like 'CD-%' group by r.id""")) {
                while (rs.next()) {
                    if (debits.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)}) != null) {
                        findings.add("two redemption rows for " + rs.getString(1));
                    }
                    redemptionIds.put(rs.getString(1), rs.getString(5));
                }
            }
            dbCounts.put("redemptions", (long) debits.size());
            for (Map.Entry<String, long[]> e : debits.entrySet()) {
                long[] r = e.getValue();
                if (r[1] != 1 || r[2] != -r[0]) {
                    findings.add("redemption " + e.getKey() + " of " + r[0] + " points has " + r[1] + " REDEMPTION entries summing to " + r[2]);
                }
                Sent s = redemptions.get(e.getKey());
                if (s == null || (s.status() / 100 != 2 && s.status() != 0)) {
                    findings.add("redemption row " + e.getKey() + " though its till got " + (s == null ? "nothing" : s.status() + " " + s.answer()));
                }
            }
            for (Sent s : redemptions.values()) {
                if (s.status() / 100 == 2) {
                    String uuid = JSON.readTree(s.answer()).path("redemptionUuid").asText();
                    if (!debits.containsKey(s.id())) {
                        findings.add("redemption " + s.id() + " was acknowledged (" + s.answer() + ") but has no row");
                    } else if (!uuid.equals(redemptionIds.get(s.id()))) {
                        findings.add("redemption " + s.id() + " was acknowledged as " + uuid + " but the row is " + redemptionIds.get(s.id()));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("select count(*) from ledger_entry")) {
                rs.next();
                dbCounts.put("ledger entries", rs.getLong(1));
            }
        }
    }

    static void printFigures(FaultLog faults, long loadNanos, long totalNanos, JsonNode audit) {
        StringBuilder out = new StringBuilder("\n[crash] ======================== LedgerCrashIT figures ========================\n");
        out.append(String.format("[crash] seed=%d  rerun with -Dcrash.seed=%d%n", SEED, SEED));
        out.append(String.format("[crash] tills %d, load %.0f s, whole test %.0f s%n", THREADS, secs(loadNanos), secs(totalNanos)));
        out.append(String.format("[crash] faults: %d kill -9 of the app, %d PostgreSQL immediate restart(s), %d freeze(s) of the app"
                + " longer than the read timeout; app started %d times%n", faults.kills(), faults.postgresRestarts(), faults.freezes(),
                appStarts.get()));
        if (faults.postgresRestarts() > 0) {
            out.append(String.format("[crash] after the PostgreSQL restart: first write after %.1f s, last 5xx %.1f s after%n",
                    faults.dbRecoverySeconds(), faults.lastDbErrorSeconds()));
        }
        faults.events().forEach(e -> out.append("[crash]   ").append(e).append('\n'));
        out.append(String.format("[crash] %-11s %9s %9s %9s %9s %10s %9s  refusals%n", "", "attempted", "created", "replayed", "refused", "unresolved", "retries"));
        long retries = 0;
        for (Kind k : Kind.values()) {
            Figures f = FIGURES.get(k);
            retries += f.retries.sum();
            out.append(String.format("[crash] %-11s %9d %9d %9d %9d %10d %9d  %s%n", k.name().toLowerCase(), f.attempted.sum(),
                    f.created.sum(), f.replayed.sum(), f.refused.sum(), f.unresolved.sum(), f.retries.sum(),
                    new java.util.TreeMap<>(f.refusals).toString()));
        }
        out.append(String.format("[crash] retries %d: timeouts %d, connection errors %d, 5xx/408 %d, 401 %d, no token from Keycloak %d%n",
                retries, timeouts.sum(), connectionErrors.sum(), serverErrors.sum(), unauthorized.sum(), tokenErrors.sum()));
        out.append(String.format("[crash] replayed after the run: %d acknowledged requests; rows checked: %s%n", replayed, dbCounts));
        out.append(String.format("[crash] ledger audit: %d wallets, %d entries, %d in debt, breaches %s%n", audit.path("wallets").asLong(),
                audit.path("entries").asLong(), audit.path("walletsInDebt").asLong(), audit.path("breaches")));
        out.append(String.format("[crash] findings: %d%n", findings.size()));
        findings.forEach(f -> out.append("[crash]   ").append(f).append('\n'));
        out.append(String.format("[crash] seed=%d  rerun with -Dcrash.seed=%d%n", SEED, SEED));
        System.out.println(out);
    }
}
