package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger through a database failover (issue 15): the packaged app writes to a Patroni cluster (a primary, a
 * synchronous standby and a read replica that is never promoted, {@link PatroniCluster}) through the multi-host JDBC URL
 * with {@code targetServerType=primary}, while tills post purchases and blindly retry each one (same receipt id, same
 * body) after a timeout, a refused connection or a 5xx. After a warm-up, a window without the ledger audit and one with
 * audits back to back (each must read on the read replica, and the synchronous standby must serve no reads) give the
 * purchase rate with and without it; then the primary's host "dies": {@code kill -9} of its Patroni and every process
 * under it. Patroni promotes the standby; the app must find it by itself, with no restart.
 * <p>
 * Afterwards: every receipt that got a 2xx — before, during or after the failover — is in the ledger exactly once with
 * the answer the till got (synchronous replication: nothing acknowledged is lost), none was refused, a replay of each
 * answers 200 with the first answer, and the ledger audit is clean. The test prints the promotion time, the time
 * without service as the tills saw it and the number of retried requests.
 * <p>
 * {@code -Dfailover.seed}, {@code -Dfailover.seconds} (default 60, or 20 s after the kill if later; the kill follows the two windows, at 40 s by default), {@code -Dfailover.window}
 * (default 15) and {@code -Dfailover.threads} (default 16). Logs:
 * target/failover-it (the app's, and each node's Patroni and PostgreSQL).
 */
class FailoverIT {

    static final long SEED = Long.getLong("failover.seed", new Random().nextLong());
    static final int SECONDS = Integer.getInteger("failover.seconds", 60);
    /** Before the kill: a warm-up, a window without the audit and one with audits back to back on the read replica. */
    static final int WARM_UP = 10;
    static final int WINDOW = Integer.getInteger("failover.window", 15);
    /** -Dfailover.reads=primary: the audit reads on the primary, for the benchmark's comparison (docs/benchmarks.md). */
    static final boolean READS_ON_PRIMARY = "primary".equals(System.getProperty("failover.reads"));
    static final int THREADS = Integer.getInteger("failover.threads", 16);
    /**
     * -Dfailover.preload=N: before the load, N members with ten purchases each and their ledger, as in the analytics
     * benchmarks (bench.SegmentBenchmark), so the audit in the second window reads a full-size ledger (docs/benchmarks.md
     * "The ledger audit under load at a million members").
     */
    static final int PRELOAD = Integer.getInteger("failover.preload", 0);
    static final Duration AUDIT_TIMEOUT = Duration.ofMinutes(15);
    static final int MEMBERS = 20;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** At least this much load after the kill, however long the audits before it took. */
    static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(20);
    /** After the load: time the tills get to bring their last receipts to a definitive answer. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final String[] PARTNERS = {"kit-media", "smol-neft"};

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static PatroniCluster cluster;
    static DevStack stack;
    static Process app;
    static String appUrl;
    static Path logDir;

    @BeforeAll
    static void start() throws Exception {
        System.out.printf("[failover] seed=%d (rerun with -Dfailover.seed=%d), load %d s, %d tills%n", SEED, SEED, SECONDS, THREADS);
        PatroniCluster.missing().ifPresent(m -> {
            throw new IllegalStateException(m);
        });
        long began = System.nanoTime();
        logDir = DevStack.projectDir().resolve("target/failover-it");
        Processes.deleteTree(logDir);
        Files.createDirectories(logDir);
        // a primary, its synchronous standby and a read replica that is never promoted, where the audit and analytics read;
        // with a preload, the two others start after it, from a copy of its files
        cluster = PatroniCluster.startLeader(logDir.resolve("patroni"), 2, 1);
        if (PRELOAD == 0) {
            cluster.startFollowers(Duration.ofSeconds(120));
        }
        cluster.createDatabase("coalition");
        int port = DevStack.freePort();
        int management = DevStack.freePort();
        appUrl = "http://localhost:" + port;
        // Keycloak, mail and the SMS stub as in every test; Keycloak keeps its own (embedded) database
        stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-failover"), false, appUrl,
                DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false));
        startApp(port, management);
        if (PRELOAD > 0) {
            preload();
            long followers = System.nanoTime();
            cluster.startFollowers(Duration.ofMinutes(30));
            System.out.printf("[failover] the standby and the read replica made from base backups in %.0f s%n",
                    secs(System.nanoTime() - followers));
            // again, so that the pool of reads that may lag connects to the read replica, not to the primary it fell back on
            Processes.stopTree(app);
            startApp(port, management);
        }
        System.out.printf("[failover] Patroni (%s), Keycloak and the app up in %.0f s%n", members(), secs(System.nanoTime() - began));
    }

    static void startApp(int port, int management) throws Exception {
        app = DemoLauncher.startApp(DevStack.projectDir(), stack, appUrl, port, management, Map.of(
                "DB_URL", cluster.primaryUrl("coalition"), "DB_USER", PatroniCluster.USER, "DB_PASSWORD", PatroniCluster.PASSWORD,
                "DB_REPLICA_URL", READS_ON_PRIMARY ? cluster.primaryUrl("coalition") : cluster.standbyUrl("coalition"),
                "QUARKUS_LOG_CONSOLE_LEVEL", "WARN", "COALITION_REGISTRATION_LIMIT", "1000"), logDir.resolve("app.log"));
        DemoLauncher.awaitReady(management, app);
    }

    static void preload() throws Exception {
        long t = System.nanoTime();
        try (Connection c = PatroniCluster.connect(cluster.primaryUrl("coalition"))) {
            Map<String, Long> partners = new LinkedHashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("select slug, id from partner order by id")) {
                while (rs.next()) {
                    partners.put(rs.getString(1), rs.getLong(2));
                }
            }
            ru.coalition.bench.SegmentBenchmark.load(c, partners, PRELOAD, 10L * PRELOAD, SEED, java.time.Instant.now());
            ru.coalition.bench.SegmentBenchmark.ledgerOf(c);
            // the fold the app would otherwise do in the first window
            ru.coalition.bench.SegmentBenchmark.fold(c);
            try (ResultSet rs = c.createStatement().executeQuery("select (select count(*) from member), (select count(*) from wallet),"
                    + " (select count(*) from ledger_entry), pg_size_pretty(pg_database_size(current_database()))")) {
                rs.next();
                System.out.printf("[failover] preloaded in %.0f s: %d members, %d wallets, %d ledger entries, database %s%n",
                        secs(System.nanoTime() - t), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
            }
        }
    }

    @AfterAll
    static void stop() {
        Processes.stopTree(app);
        if (stack != null) {
            stack.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    record Sent(String receiptId, String partner, String body, int status, String answer, int tries) {
    }

    static final Map<String, Sent> receipts = new ConcurrentHashMap<>();
    /**
     * When each till's 2xx arrived (nanos), to find the longest time the tills went without one; the replays and audits
     * after the load are not in it (at a million members the last audit alone takes a minute).
     */
    static final java.util.Queue<Long> acknowledgedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
    static final LongAdder retried = new LongAdder();
    static final LongAdder tries = new LongAdder();
    static final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    static final List<String> findings = Collections.synchronizedList(new ArrayList<>());
    static volatile long loadEnd;
    static volatile long hardEnd;

    @Test
    void everyAcknowledgedReceiptSurvivesTheLossOfThePrimary() throws Exception {
        Map<String, KeycloakToken> tills = new HashMap<>();
        for (String p : PARTNERS) {
            tills.put(p, KeycloakToken.client(stack.keycloak.realmUrl(), p + "-pos", p + "-pos-secret"));
        }
        List<String> cards = registerMembers();

        String walAtStart = walPosition();
        long loadStart = System.nanoTime();
        // until the kill the load has no end: an audit may outlast its window (a million members); set at the kill
        loadEnd = Long.MAX_VALUE;
        hardEnd = Long.MAX_VALUE;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int no = t;
            Random rnd = new Random(LedgerCrashIT.mix(SEED, t));
            done.add(pool.submit(() -> {
                till(no, rnd, tills, cards);
                return null;
            }));
        }
        KeycloakToken operator = KeycloakToken.user(stack.keycloak.realmUrl(), "operator", "demo1234");
        // the purchase rate in a window without the audit, then in one with audits back to back, which must read on the
        // read replica (not on the primary the tills write to, nor on the standby a failover needs) and find it clean
        long windowA = loadStart + TimeUnit.SECONDS.toNanos(WARM_UP);
        long windowB = windowA + TimeUnit.SECONDS.toNanos(WINDOW);
        long windowEnd = windowB + TimeUnit.SECONDS.toNanos(WINDOW);
        sleepUntil(windowB);
        int audits = 0;
        JsonNode auditUnderLoad = null;
        while (System.nanoTime() < windowEnd) {
            long began = System.nanoTime();
            HttpResponse<String> answer = call("GET", "/api/v1/operator/ledger/audit", null, operator, AUDIT_TIMEOUT);
            auditUnderLoad = JSON.readTree(answer.body());
            System.out.printf("[failover] an audit under load: %d in %.1f s, %d entries%s%n", answer.statusCode(),
                    secs(System.nanoTime() - began), auditUnderLoad.path("entries").asLong(),
                    answer.statusCode() == 200 ? "" : ": " + answer.body());
            audits++;
            if (auditUnderLoad.path("onReplica").asBoolean() == READS_ON_PRIMARY || !auditUnderLoad.path("breaches").isEmpty()) {
                findings.add("an audit under load did not read a clean snapshot on the read replica: " + auditUnderLoad);
            }
        }
        List<PatroniCluster.Sessions> sessions = cluster.sessions("coalition");
        System.out.printf("[failover] the app's sessions on each node: %s%n", sessions);
        for (PatroniCluster.Sessions n : sessions) {
            boolean reads = n.readReplica() && !READS_ON_PRIMARY;
            if ("sync_standby".equals(n.role()) && n.count() != 0 || reads && n.count() <= 0) {
                findings.add("the reads that may lag are not on the read replica alone: " + sessions);
            }
        }
        sleepUntil(windowEnd);
        long withoutAudit = acknowledgedAt.stream().filter(t -> t >= windowA && t < windowB).count();
        long withAudit = acknowledgedAt.stream().filter(t -> t >= windowB && t < windowEnd).count();
        // WAL written per receipt, for docs/scaling.md: the primary's WAL position before the load and just before the kill
        long walBytes = walBytesSince(walAtStart);
        long receiptsBeforeKill = acknowledgedAt.size();
        long killedAt = System.nanoTime();
        loadEnd = Math.max(loadStart + TimeUnit.SECONDS.toNanos(SECONDS), killedAt + LOAD_AFTER_KILL.toNanos());
        hardEnd = loadEnd + SETTLE.toNanos();
        PatroniCluster.Node old = cluster.killLeader();
        double promotion = cluster.awaitNewPrimary(old, killedAt, Duration.ofSeconds(90));
        System.out.printf("[failover] %.1f s: %s killed (kill -9 of Patroni and PostgreSQL); a standby took writes after %.1f s%n",
                secs(killedAt - loadStart), old.name(), promotion);
        for (Future<?> f : done) {
            f.get(hardEnd - System.nanoTime() + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS);
        }
        pool.shutdown();

        int replayed = replayAcknowledged(tills);
        JsonNode audit = JSON.readTree(call("GET", "/api/v1/operator/ledger/audit", null, operator, AUDIT_TIMEOUT).body());
        if (!audit.path("breaches").isArray() || !audit.path("breaches").isEmpty()) {
            findings.add("ledger audit breaches: " + audit.path("breaches"));
        }
        long rows = checkDatabase();
        failures.forEach((why, n) -> {
            if (why.startsWith("500")) {
                findings.add(n.sum() + " tries answered " + why + ": a lost database is 503 database.unavailable, which tills retry");
            }
        });
        printFigures(loadStart, killedAt, promotion, replayed, rows, auditUnderLoad, audit);
        System.out.printf("[failover] purchases a second, %d s each: %.0f without the audit, %.0f with %d audits back to back on the"
                + " %s (%.0f %%)%n", WINDOW, withoutAudit / (double) WINDOW, withAudit / (double) WINDOW, audits, READS_ON_PRIMARY ? "primary" : "read replica",
                withoutAudit == 0 ? 0 : 100.0 * withAudit / withoutAudit);
        System.out.printf("[failover] WAL before the kill: %d bytes for %d receipts acknowledged (%.0f bytes a receipt, with the"
                + " audit's and the jobs' writes)%n", walBytes, receiptsBeforeKill, walBytes / (double) Math.max(1, receiptsBeforeKill));
        assertTrue(findings.isEmpty(), findings.size() + " finding(s), seed " + SEED + ":\n" + String.join("\n", findings));
    }

    static List<String> registerMembers() throws Exception {
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String questionnaire = """
                    {"lastName":"Отказова","firstName":"Проверка","phone":"+7931%07d","email":"failover%d@example.org",
                     "birthDate":"1989-04-05","gender":"female","city":"Смоленск","socialStatus":"employed",
                     "incomeBracket":"50-100k","preferredChannel":"email",
                     "consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}""".formatted(i, i);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/members")).timeout(READ_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(questionnaire)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("registration " + i + ": " + r.statusCode() + " " + r.body());
            }
            cards.add(JSON.readTree(r.body()).path("cardNumber").asText());
        }
        return cards;
    }

    /** Posts receipts until the load ends, each one again and again (same id, same body) until a definitive answer. */
    static void till(int no, Random rnd, Map<String, KeycloakToken> tills, List<String> cards) throws Exception {
        Random backoff = new Random(LedgerCrashIT.mix(SEED, -no - 1));
        int seq = 0;
        while (System.nanoTime() < loadEnd) {
            String partner = PARTNERS[rnd.nextInt(PARTNERS.length)];
            String receiptId = String.format("FO-%02d-%05d", no, ++seq);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("receiptId", receiptId);
            body.put("occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(3)).minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString());
            body.put("member", Map.of("cardNumber", cards.get(rnd.nextInt(cards.size()))));
            body.put("lines", List.of(Map.of("sku", "SKU-1", "name", "Позиция", "category", partner.equals("kit-media") ? "print" : "fuel",
                    "amount", String.format("%d.%02d", 100 + rnd.nextInt(2900), rnd.nextInt(100)))));
            String json = JSON.writeValueAsString(body);
            int n = 0;
            Sent sent = null;
            while (sent == null && System.nanoTime() < hardEnd) {
                if (++n > 1) {
                    retried.increment();
                    long cap = Math.min(2_000, 100L << Math.min(n - 1, 5));
                    Thread.sleep(cap / 2 + backoff.nextInt((int) (cap / 2) + 1));
                }
                tries.increment();
                HttpResponse<String> r = attempt("POST", "/api/v1/purchases", json, tills.get(partner));
                if (r != null && r.statusCode() / 100 == 2) {
                    acknowledgedAt.add(System.nanoTime());
                }
                if (r != null) {
                    sent = new Sent(receiptId, partner, json, r.statusCode(), r.body(), n);
                }
            }
            receipts.put(receiptId, sent != null ? sent : new Sent(receiptId, partner, json, 0, null, n));
        }
    }

    /** One try; null after a timeout, a connection error, a 5xx, 408 or 401 (each counted), else the answer. */
    static HttpResponse<String> attempt(String method, String path, String body, KeycloakToken token) {
        return attempt(method, path, body, token, READ_TIMEOUT);
    }

    static HttpResponse<String> attempt(String method, String path, String body, KeycloakToken token, Duration timeout) {
        String bearer;
        try {
            bearer = token.get();
        } catch (Exception e) {
            count("no token");
            return null;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(appUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        HttpRequest request = body == null ? b.GET().build()
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s >= 500 || s == 408) {
                count(s + " " + JSON.readTree(r.body()).path("code").asText(""));
                return null;
            }
            if (s == 401) {
                count("401");
                token.invalidate(bearer);
                return null;
            }
            return r;
        } catch (IOException e) {
            count(e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void count(String why) {
        failures.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    static HttpResponse<String> call(String method, String path, String body, KeycloakToken token) throws Exception {
        return call(method, path, body, token, READ_TIMEOUT);
    }

    static HttpResponse<String> call(String method, String path, String body, KeycloakToken token, Duration timeout) throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = attempt(method, path, body, token, timeout);
            if (r != null) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(method + " " + path + " got no answer");
    }

    /** Every acknowledged receipt once more: 200 and the first answer. */
    static int replayAcknowledged(Map<String, KeycloakToken> tills) throws Exception {
        int n = 0;
        for (Sent s : receipts.values()) {
            if (s.status() / 100 != 2) {
                continue;
            }
            n++;
            HttpResponse<String> r = call("POST", "/api/v1/purchases", s.body(), tills.get(s.partner()));
            if (r.statusCode() != 200 || !JSON.readTree(r.body()).equals(JSON.readTree(s.answer()))) {
                findings.add("replay of " + s.receiptId() + " answered " + r.statusCode() + " " + r.body() + "; first answer " + s.answer());
            }
        }
        return n;
    }

    static String walPosition() throws Exception {
        try (Connection c = PatroniCluster.connect(cluster.primaryUrl("coalition"));
             ResultSet rs = c.createStatement().executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long walBytesSince(String lsn) throws Exception {
        try (Connection c = PatroniCluster.connect(cluster.primaryUrl("coalition"));
             ResultSet rs = c.createStatement().executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + lsn + "')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows behind every answer, read on the new primary. */
    static long checkDatabase() throws Exception {
        Map<String, long[]> accruals = new HashMap<>();
        Map<String, String> publicIds = new HashMap<>();
        try (Connection c = PatroniCluster.connect(cluster.primaryUrl("coalition"));
             ResultSet rs = c.createStatement().executeQuery("""
                     select pa.slug, p.receipt_id, p.public_id::text, count(e.id), coalesce(sum(e.amount), 0)
                     from purchase p join partner pa on pa.id = p.partner_id
                     left join ledger_entry e on e.source_type = 'purchase' and e.source_id = p.id and e.kind = 'ACCRUAL'
                     where p.receipt_id like 'FO-%' group by pa.slug, p.receipt_id, p.public_id""")) {
            while (rs.next()) {
                String key = rs.getString(2);
                if (accruals.put(key, new long[] {rs.getLong(4), rs.getLong(5)}) != null) {
                    findings.add("two purchase rows for " + key);
                }
                publicIds.put(key, rs.getString(3));
            }
        }
        for (Sent s : receipts.values()) {
            long[] a = accruals.get(s.receiptId());
            if (s.status() / 100 == 2) {
                JsonNode answer = JSON.readTree(s.answer());
                if (a == null) {
                    findings.add("receipt " + s.receiptId() + " was acknowledged (" + s.status() + ") but is not in the ledger: lost");
                } else if (a[0] != 1 || a[1] != answer.path("breakdown").path("accrual").asLong()) {
                    findings.add("receipt " + s.receiptId() + " has " + a[0] + " ACCRUAL entries summing to " + a[1] + "; answer " + s.answer());
                } else if (!publicIds.get(s.receiptId()).equals(answer.path("purchaseId").asText())) {
                    findings.add("receipt " + s.receiptId() + " was acknowledged as " + answer.path("purchaseId").asText()
                            + " but the row is " + publicIds.get(s.receiptId()));
                }
            } else if (s.status() == 0) {
                findings.add("receipt " + s.receiptId() + " got no definitive answer in " + SETTLE.toSeconds() + " s after the load");
            } else {
                findings.add("receipt " + s.receiptId() + " was refused: " + s.status() + " " + s.answer());
            }
        }
        for (String receipt : accruals.keySet()) {
            if (!receipts.containsKey(receipt)) {
                findings.add("purchase row " + receipt + " that no till sent");
            }
        }
        return accruals.size();
    }

    static String members() {
        return String.join(", ", cluster.members().stream().map(m -> m[0] + " " + m[1]).toList());
    }

    static void printFigures(long loadStart, long killedAt, double promotion, int replayed, long rows, JsonNode auditUnderLoad,
                             JsonNode audit) {
        // the longest stretch without an acknowledged receipt around the kill, and the first 2xx after it
        List<Long> times = acknowledgedAt.stream().sorted().toList();
        long gap = 0;
        long prev = loadStart;
        for (long t : times) {
            if (t >= killedAt - TimeUnit.SECONDS.toNanos(5)) {
                gap = Math.max(gap, t - prev);
            }
            prev = t;
        }
        Long firstAfter = times.stream().filter(t -> t >= killedAt).findFirst().orElse(null);
        long acknowledged = receipts.values().stream().filter(s -> s.status() / 100 == 2).count();
        StringBuilder out = new StringBuilder("\n[failover] ===================== FailoverIT figures =====================\n");
        out.append(String.format("[failover] seed=%d, %d tills, load %.0f s, killed at %.1f s; cluster now: %s%n", SEED, THREADS, secs(loadEnd - loadStart),
                secs(killedAt - loadStart), members()));
        out.append(String.format("[failover] promotion (kill -9 to a standby taking writes): %.1f s%n", promotion));
        out.append(String.format("[failover] time without service (longest stretch with no receipt acknowledged): %.1f s;"
                + " first 2xx %.1f s after the kill%n", secs(gap), firstAfter == null ? -1 : secs(firstAfter - killedAt)));
        out.append(String.format("[failover] receipts: %d sent, %d acknowledged, %d rows in the ledger, %d replayed; %d tries,"
                + " %d retried requests%n", receipts.size(), acknowledged, rows, replayed, tries.sum(), retried.sum()));
        out.append(String.format("[failover] failed tries: %s%n", new java.util.TreeMap<>(failures)));
        out.append(String.format("[failover] ledger audit under load, before the kill: on the replica %s, %s ms behind, %d entries,"
                + " breaches %s%n", auditUnderLoad.path("onReplica"), auditUnderLoad.path("behindMs"),
                auditUnderLoad.path("entries").asLong(), auditUnderLoad.path("breaches")));
        out.append(String.format("[failover] ledger audit after the run (on the replica %s): %d wallets, %d entries,"
                + " breaches %s%n", audit.path("onReplica"), audit.path("wallets").asLong(), audit.path("entries").asLong(), audit.path("breaches")));
        out.append(String.format("[failover] findings: %d%n", findings.size()));
        findings.stream().limit(50).forEach(f -> out.append("[failover]   ").append(f).append('\n'));
        System.out.println(out);
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }
}
