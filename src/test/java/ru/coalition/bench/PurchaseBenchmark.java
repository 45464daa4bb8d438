package ru.coalition.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ru.coalition.devstack.DevStack;
import ru.coalition.devstack.BenchApp;
import ru.coalition.devstack.EmbeddedPostgres;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Purchases per second end to end through the partner API (./mvnw -Pbench): PostgreSQL, Keycloak and the packaged
 * app start on this machine, members register through the API, then client threads post receipts with real till
 * tokens for a fixed time. pgbench (TPC-B-like) then runs against the same PostgreSQL, and the ratio is printed.
 * Load generator, app and database share the box, as docs/benchmarks.md says.
 */
public final class PurchaseBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        int members = Integer.getInteger("bench.members", 200);
        int warmupSeconds = Integer.getInteger("bench.warmup", 15);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Path project = DevStack.projectDir();
        try (BenchApp.Running running = BenchApp.startAll(project)) {
            DevStack stack = running.stack();
            Process app = running.app();
            String appUrl = running.appUrl();
            long startup = BenchApp.startupMillis;
            long rssIdle = rssMiB(app.pid());
            System.out.printf("[bench] app ready in %d ms, RSS %d MiB%n", startup, rssIdle);
            String tokenUrl = stack.keycloak.realmUrl() + "/protocol/openid-connect/token";
            String till = token(tokenUrl);
            List<String> cards = register(appUrl, members, clients);
            System.out.printf("[bench] %d members registered; warming up %d s with %d clients%n", cards.size(), warmupSeconds, clients);
            run(appUrl, till, cards, clients, warmupSeconds, "W");
            // the tables were created a minute ago; a running system's autovacuum has statistics for them (and the
            // plans the connections keep are made again when it gathers them)
            try (var c = DriverManager.getConnection(stack.postgres.jdbcUrl("coalition"), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
                c.createStatement().execute("analyze");
            }
            run(appUrl, till, cards, clients, 5, "W2");
            System.out.printf("[bench] measuring %d s%n", seconds);
            CpuMeter cpuMeter = new CpuMeter(app.pid(), stack.postgres.port());
            Path recording = project.resolve("target/bench-app.jfr");
            jcmd(app.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + recording);
            statements(stack, null);
            var cpuBefore = cpuMeter.sample();
            Result r = run(appUrl, till, cards, clients, seconds, "M");
            String cpuUse = CpuMeter.report(cpuBefore, cpuMeter.sample());
            jcmd(app.pid(), "JFR.stop", "name=bench");
            System.out.println("[bench] CPU while measuring: " + cpuUse);
            String statements = statements(stack, r.nanos.length);
            System.out.println("[bench] database time per statement:\n" + statements);
            String profile = ProfileSummary.of(recording);
            System.out.println("[bench] app profile (" + recording + "): " + profile);
            long rssLoaded = rssMiB(app.pid());
            // open loop at 70 % of the peak: requests start on a schedule, latency counted from the scheduled moment
            double rate = 0.7 * r.perSecond();
            System.out.printf("[bench] open loop at %.0f purchases/s for %d s%n", rate, seconds);
            Result paced = paced(appUrl, till, cards, rate, seconds);
            // an offline till uploads what it kept, up to the endpoint's limit
            int batchSize = Integer.getInteger("bench.batch", 1000);
            System.out.printf("[bench] batches of %d receipts, %d clients, %d s%n", batchSize, 2, seconds);
            double batchRate = batches(appUrl, till, cards, batchSize, 2, seconds);
            double pgbench = pgbench(stack, clients, seconds);
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            String report = String.format(java.util.Locale.ROOT, """
                    | date | machine | clients | purchases/s | p50 ms | p90 ms | p99 ms | max ms | errors | pgbench tps | purchases/s ÷ pgbench tps |
                    |---|---|---|---|---|---|---|---|---|---|---|
                    | %s | %d cores, %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %.0f | %.2f |

                    | at 70 %% of the peak (open loop) | p50 ms | p99 ms | max ms | errors | batch receipts/s (batches of %d) | start-up ms | RSS MiB idle / after load |
                    |---|---|---|---|---|---|---|---|
                    | %.0f purchases/s | %.1f | %.1f | %.1f | %d | %.0f | %d | %d / %d |

                    CPU while measuring: %s

                    Database time per purchase, by statement (pg_stat_statements over the measured window):

                    %s

                    App profile: %s
                    """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpu, clients, r.perSecond(),
                    r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100), r.errors, pgbench, r.perSecond() / pgbench,
                    batchSize, rate, paced.percentile(50), paced.percentile(99), paced.percentile(100), paced.errors, batchRate,
                    startup, rssIdle, rssLoaded, cpuUse, statements, profile.replace("\n[bench] ", "; "));
            System.out.println(report);
            Files.writeString(project.resolve("target/benchmark.md"), report);
        }
    }

    record Result(long[] nanos, long errors, int seconds) {
        double perSecond() {
            return (double) nanos.length / seconds;
        }

        double percentile(int p) {
            if (nanos.length == 0) {
                return 0;
            }
            int i = Math.min(nanos.length - 1, (int) Math.ceil(p / 100.0 * nanos.length) - 1);
            return nanos[Math.max(0, i)] / 1e6;
        }
    }

    static Result run(String appUrl, String till, List<String> cards, int clients, int seconds, String tag) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    String card = cards.get(ThreadLocalRandom.current().nextInt(cards.size()));
                    String body = purchase(tag + "-" + System.nanoTime() + "-" + seq.incrementAndGet(), card);
                    long t0 = System.nanoTime();
                    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/purchases"))
                            .header("Authorization", "Bearer " + till).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - t0;
                    if (res.statusCode() != 201) {
                        errors.incrementAndGet();
                        if (errors.get() < 5) {
                            System.out.println("[bench] " + res.statusCode() + " " + res.body());
                        }
                        continue;
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = took;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all, errors.get(), seconds);
    }

    /**
     * Purchases started at a fixed rate whatever the answers do (so a slow answer cannot hold back the next request
     * and hide its own delay); each latency runs from the moment the request was due.
     */
    static Result paced(String appUrl, String till, List<String> cards, double perSecond, int seconds) throws Exception {
        long start = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        int total = (int) (perSecond * seconds);
        AtomicLong errors = new AtomicLong();
        long[] lat = new long[total];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            int n = i;
            futures.add(pool.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                String card = cards.get(ThreadLocalRandom.current().nextInt(cards.size()));
                try {
                    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/purchases"))
                            .header("Authorization", "Bearer " + till).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(purchase("P-" + n + "-" + System.nanoTime(), card))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 201) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                lat[n] = System.nanoTime() - due;
                done.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long[] sorted = Arrays.stream(lat).sorted().toArray();
        return new Result(sorted, errors.get(), seconds);
    }

    /** Receipts per second through the batch endpoint, closed loop. */
    static double batches(String appUrl, String till, List<String> cards, int size, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long t0 = System.nanoTime();
        AtomicLong receipts = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    StringBuilder body = new StringBuilder("{\"purchases\":[");
                    for (int i = 0; i < size; i++) {
                        body.append(i == 0 ? "" : ",").append(purchase("B-" + seq.incrementAndGet() + "-" + System.nanoTime(),
                                cards.get(ThreadLocalRandom.current().nextInt(cards.size()))));
                    }
                    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/purchase-batches"))
                            .header("Authorization", "Bearer " + till).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 200) {
                        System.out.println("[bench] batch " + res.statusCode() + " " + res.body().substring(0, Math.min(300, res.body().length())));
                        continue;
                    }
                    // counted without parsing the answer: the load generator shares the two cores with the app
                    receipts.addAndGet(occurrences(res.body(), "\"status\":201"));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return receipts.get() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Starts counting (purchases null), or prints the statements by total time per purchase: planning and execution
     * in milliseconds, and calls per purchase.
     */
    static String statements(DevStack stack, Integer purchases) throws Exception {
        return statements(stack, purchases, "purchase");
    }

    /** The same, per unit of work of another benchmark ("code" for an accepted scratch code). */
    static String statements(DevStack stack, Integer purchases, String unit) throws Exception {
        try (var c = DriverManager.getConnection(stack.postgres.jdbcUrl("coalition"), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
            if (purchases == null) {
                c.createStatement().execute("create extension if not exists pg_stat_statements");
                c.createStatement().execute("select pg_stat_statements_reset()");
                return "";
            }
            StringBuilder out = new StringBuilder("| statement | calls per %1$s | plan ms per %1$s | exec ms per %1$s |\n|---|---|---|---|\n"
                    .formatted(unit));
            try (var rs = c.createStatement().executeQuery("select regexp_replace(left(query, 90), '\\s+', ' ', 'g'), calls,"
                    + " total_plan_time, total_exec_time from pg_stat_statements order by total_plan_time + total_exec_time desc limit 8")) {
                while (rs.next()) {
                    out.append(String.format(java.util.Locale.ROOT, "| `%s…` | %.2f | %.3f | %.3f |%n", rs.getString(1).replace("|", "\\|"),
                            rs.getLong(2) / (double) purchases, rs.getDouble(3) / purchases, rs.getDouble(4) / purchases));
                }
            }
            return out.toString();
        }
    }

    static long occurrences(String text, String part) {
        long n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static long rssMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (Exception notLinux) {
            return -1;
        }
    }

    /** A four-line receipt like example A: two print lines, a gift card (excluded) and a promo line. */
    static String purchase(String receiptId, String card) {
        return """
                {"receiptId":"%s","occurredAt":"%s","member":{"cardNumber":"%s"},
                 "lines":[{"sku":"BANNER","name":"Баннер","amount":"12000.00","category":"print"},
                          {"sku":"GC","name":"Подарочная карта","amount":"3000.00","category":"gift-card"},
                          {"sku":"CARDS","name":"Визитки","amount":"2500.00","category":"print","promo":true},
                          {"sku":"FLYERS","name":"Листовки","amount":"1234.56","category":"print"}],
                 "payments":[{"method":"cash","amount":"18734.56"}]}""".formatted(receiptId, OffsetDateTime.now(), card);
    }

    static String token(String tokenUrl) throws Exception {
        String form = Map.of("grant_type", "client_credentials", "client_id", "kit-media-pos", "client_secret", "kit-media-pos-secret")
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(res.body()).path("access_token").asText();
    }

    static List<String> register(String appUrl, int members, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, 8));
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                String phone = "+7930" + String.format("%07d", n);
                String body = """
                        {"lastName":"Нагрузка","firstName":"Тест","phone":"%s","email":"bench%d@example.org","birthDate":"1990-01-01",
                         "gender":"female","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k",
                         "preferredChannel":"email","consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}"""
                        .formatted(phone, n);
                HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/members"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode node = JSON.readTree(res.body());
                if (res.statusCode() != 201) {
                    throw new IllegalStateException("registration failed: " + res.body());
                }
                return node.path("cardNumber").asText();
            }));
        }
        List<String> cards = new ArrayList<>();
        for (Future<String> f : futures) {
            cards.add(f.get());
        }
        pool.shutdown();
        return cards;
    }

    /** TPC-B-like pgbench on the same PostgreSQL: scale 10, the same client count and duration. */
    static double pgbench(DevStack stack, int clients, int seconds) throws Exception {
        String pgbench = System.getProperty("bench.pgbench", "/usr/bin/pgbench");
        try (var c = DriverManager.getConnection(stack.postgres.jdbcUrl("postgres"), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
            c.createStatement().execute("drop database if exists bench");
            c.createStatement().execute("create database bench");
        }
        String port = String.valueOf(stack.postgres.port());
        exec(List.of(pgbench, "-h", "127.0.0.1", "-p", port, "-U", EmbeddedPostgres.USER, "-i", "-q", "-s", "10", "bench"));
        String out = exec(List.of(pgbench, "-h", "127.0.0.1", "-p", port, "-U", EmbeddedPostgres.USER, "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(seconds), "bench"));
        System.out.println(out);
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no tps in pgbench output");
        }
        return Double.parseDouble(m.group(1));
    }

    static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        line.addAll(List.of(command));
        exec(line);
    }

    static String exec(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", EmbeddedPostgres.PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
