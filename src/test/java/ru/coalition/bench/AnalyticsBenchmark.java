package ru.coalition.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import ru.coalition.devstack.BenchApp;
import ru.coalition.devstack.DevStack;
import ru.coalition.devstack.EmbeddedPostgres;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics pages at scale (issue 13, docs/benchmarks.md "Analytics"). Not a test: run it with
 *
 * <pre>./mvnw -Pbench -Dbench.main=ru.coalition.bench.AnalyticsBenchmark [-Dbench.members=1000000] [-Dbench.purchases=10000000]</pre>
 *
 * It starts the whole stack and the packaged app (the demo's tenants, no demo data), then loads 20 partners (the three
 * tenants first, kit-media the busiest) with SegmentBenchmark's generator by COPY: members, wallets, consents,
 * purchases over 400 days, refunds of 1 %; and a line or two per receipt with a category. The app's own fold job builds
 * the rollups (timed until it has caught up); then a fresh batch of receipts shows what one fold costs in steady state.
 * Then each API call behind a dashboard page is called once as kit-media's admin right after the start (answered in SQL
 * while the app reads its copies in memory in the background), and after 20 s timed: two warm-up calls, then bench.runs
 * timed (min, median, p95). pgbench (TPC-B-like, scale 10, 2 clients, 20 s) runs on the same PostgreSQL last. Seeded:
 * -Dbench.seed.
 *
 * <p>-Dbench.data=DIR keeps the stack's data in DIR: a second run on it skips the load (its half hour) and times the
 * calls on the same rows, the app migrating them to its current schema first.
 */
public final class AnalyticsBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String[] CATEGORIES = {"print", "fuel", "cafe", "tobacco", "service", "parts", "grocery", "pharmacy", "clothes", "books",
            "toys", "electronics", "gift-card", "flowers"};

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = Integer.getInteger("bench.members", 1_000_000);
        long purchases = Long.getLong("bench.purchases", 10_000_000L);
        int runs = Integer.getInteger("bench.runs", 21);
        long seed = Long.getLong("bench.seed", 12L);
        System.out.printf("[bench] analytics: %d members, %d purchases, seed %d%n", members, purchases, seed);
        Path project = DevStack.projectDir();
        String kept = System.getProperty("bench.data", "");
        Path data = kept.isBlank() ? Files.createTempDirectory("coalition-bench") : Path.of(kept);
        boolean loaded = Files.exists(data.resolve("loaded"));
        int appPort = DevStack.freePort();
        String appUrl = "http://localhost:" + appPort;
        DevStack stack = DevStack.start(new DevStack.Options(data, false, appUrl, DevStack.freePort(), DevStack.freePort(),
                DevStack.freePort(), DevStack.freePort(), true));
        // segment counts of a large base keep a snapshot in memory, rebuilt every few minutes: not what is measured here.
        // The jobs that walk every member (tiers every 6 h, birthdays every hour) started with the app and, at a million
        // members, ran into the timed calls of the run of 19:25; in production they run a few minutes every few hours
        Process app = BenchApp.start(project, stack, appUrl, appPort, Map.of("SEGMENT_SNAPSHOT_FROM", "1000000000",
                "COALITION_JOBS_TIERS_EVERY", "off", "COALITION_JOBS_BIRTHDAYS_EVERY", "off"));
        try (Connection c = DriverManager.getConnection(stack.postgres.jdbcUrl("coalition"), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
            Map<String, Long> tenants = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select slug, id from partner order by slug <> 'kit-media', id")) {
                while (rs.next()) {
                    tenants.put(rs.getString(1), rs.getLong(2));
                }
            }
            if (!loaded) {
                load(c, tenants, members, purchases, seed);
                Files.writeString(data.resolve("loaded"), members + " members, " + purchases + " purchases, seed " + seed + "\n");
            } else {
                System.out.printf("[bench] the data of %s: %s", data, Files.readString(data.resolve("loaded")));
                awaitFold(c);
                try (Statement s = c.createStatement()) {
                    s.execute("vacuum analyze");
                }
            }
            awaitQuiet(c);
            String tokenUrl = stack.keycloak.realmUrl() + "/protocol/openid-connect/token";
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
            String month = today.minusMonths(11).withDayOfMonth(1) + "&to=" + today;
            List<String[]> calls = new ArrayList<>();
            calls.add(new String[]{"dashboard, 30 days", "/api/v1/partner/analytics/dashboard?from=" + today.minusDays(29) + "&to=" + today});
            calls.add(new String[]{"dashboard, 365 days", "/api/v1/partner/analytics/dashboard?from=" + today.minusDays(364) + "&to=" + today});
            calls.add(new String[]{"summary, 30 days", "/api/v1/partner/analytics/summary?from=" + today.minusDays(29) + "&to=" + today});
            for (String d : List.of("age", "gender", "socialStatus", "incomeBracket", "city")) {
                calls.add(new String[]{"portrait " + d + ", 12 months", "/api/v1/partner/analytics/portrait?dimension=" + d + "&from=" + month});
            }
            calls.add(new String[]{"portrait age × gender", "/api/v1/partner/analytics/portrait?dimension=age&by=gender&from=" + month});
            calls.add(new String[]{"coalition effect, 12 months", "/api/v1/partner/analytics/coalition?from=" + month});
            calls.add(new String[]{"coalition effect, 1 month", "/api/v1/partner/analytics/coalition?from=" + today.withDayOfMonth(1) + "&to=" + today});
            // the first call of each after the start: answered in SQL while the app reads its copies in the background
            // (docs/analytics.md "Copies in memory"); then time for the copies to be read
            String first = token(tokenUrl);
            for (String[] call : calls) {
                System.out.printf("[bench] %-30s first call after the start %7.1f ms%n", call[0], once(appUrl, first, call[0], call[1]));
            }
            Thread.sleep(20_000);
            for (String[] call : calls) {
                // a fresh token for each call's runs: an access token lives five minutes
                time(appUrl, token(tokenUrl), call[0], call[1], runs);
            }
            app.destroy();
            app.waitFor();
            SegmentBenchmark.pgbench(String.valueOf(stack.postgres.port()));
        } finally {
            app.destroy();
            stack.close();
        }
    }

    /** Loads the rows, waits for the app's fold to take them in, and times one steady fold. */
    static void load(Connection c, Map<String, Long> tenants, int members, long purchases, long seed) throws Exception {
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        // one transaction, lines included: the app's fold job then takes the whole load in one fold, from scratch
        c.setAutoCommit(false);
        SegmentBenchmark.load(c, tenants, members, purchases, seed, now);
        lines(c);
        c.commit();
        c.setAutoCommit(true);
        System.out.printf("[bench] generated and loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        double caughtUp = awaitFold(c);
        System.out.printf("[bench] the app's fold caught up %.1f s after the load (all rollups, %d purchases)%n", caughtUp, purchases);
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
            for (String table : List.of("purchase", "purchase_line", "purchase_day", "purchase_activity", "purchase_category_day", "purchase_hour")) {
                try (ResultSet rs = s.executeQuery("select count(*), pg_size_pretty(pg_total_relation_size('" + table + "')) from " + table)) {
                    rs.next();
                    System.out.printf("[bench] %-22s %,12d rows %10s%n", table, rs.getLong(1), rs.getString(2));
                }
            }
        }
        steadyFold(c, tenants, seed);
    }

    /** A line per receipt for its whole amount, a second one for a fifth of them; categories drawn by the receipt's id. */
    static void lines(Connection c) throws Exception {
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            String category = "(array['" + String.join("','", CATEGORIES) + "'])[1 + (hashtext(p.id::text) & 1023) % " + CATEGORIES.length + "]";
            s.execute("insert into purchase_line (partner_id, purchase_id, line_no, sku, category, promo, amount)"
                    + " select p.partner_id, p.id, 0, 'SKU', " + category + ", false, p.total - case when p.id % 5 = 0 then p.total / 3 else 0 end"
                    + " from purchase p where p.receipt_id like 'B%'");
            s.execute("insert into purchase_line (partner_id, purchase_id, line_no, sku, category, promo, amount)"
                    + " select p.partner_id, p.id, 1, 'SKU2', " + category.replace("hashtext(p.id::text)", "hashtext((p.id + 1)::text)") + ", true, p.total / 3"
                    + " from purchase p where p.receipt_id like 'B%' and p.id % 5 = 0");
        }
        System.out.printf("[bench] receipt lines in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    /**
     * Waits (at most 15 min) until no other statement has run in the database for 10 s on end: after a load the app's
     * daily jobs (birthday bonuses, tiers) walk the new members and would take a core from the timed calls.
     */
    static void awaitQuiet(Connection c) throws Exception {
        long t0 = System.nanoTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - t0 < 900e9 && System.nanoTime() - quietSince < 10e9) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity"
                    + " where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    quietSince = System.nanoTime();
                }
            }
            Thread.sleep(200);
        }
        System.out.printf("[bench] the database was quiet for 10 s after %.0f s of waiting%n", (System.nanoTime() - t0) / 1e9 - 10);
    }

    /** Seconds until the app's fold has folded every purchase and refund written so far. */
    static double awaitFold(Connection c) throws Exception {
        long t = System.nanoTime();
        String target;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(pg_current_xact_id() as text)")) {
            rs.next();
            target = rs.getString(1);
        }
        while (true) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select folded_below > cast('" + target + "' as xid8) from purchase_activity_cursor where id = 1")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return (System.nanoTime() - t) / 1e9;
                }
            }
            Thread.sleep(500);
        }
    }

    /** One fold's cost in steady state: 10 000 receipts (with lines) written at once, folded by the app's job. */
    static void steadyFold(Connection c, Map<String, Long> partners, long seed) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at,"
                    + " fingerprint, total, points, activates_at, response, created_at)"
                    + " select gen_random_uuid(), p.partner_id, 'S' || p.id, p.member_id, p.wallet_id, p.program_version_id, now(), 'bench',"
                    + " p.total, p.points, now(), '{}', now() from purchase p where p.receipt_id like 'B%' order by p.id desc limit 10000");
            s.execute("insert into purchase_line (partner_id, purchase_id, line_no, sku, category, promo, amount)"
                    + " select partner_id, id, 0, 'SKU', 'print', false, total from purchase where receipt_id like 'S%'");
        }
        long t = System.nanoTime();
        double waited = awaitFold(c);
        System.out.printf("[bench] 10 000 new receipts folded %.1f s after they were written (the job runs every 5 s)%n", waited);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select extract(epoch from folded_at - (select max(created_at) from purchase)) from purchase_activity_cursor")) {
            rs.next();
            System.out.printf("[bench] ... the fold that took them in ended %.2f s after the last was written%n", rs.getDouble(1));
        }
    }

    static String token(String tokenUrl) throws Exception {
        String form = "grant_type=password&client_id=coalition-mobile&username=kit-media-admin&password=" + URLEncoder.encode("demo1234", StandardCharsets.UTF_8);
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("no token: " + res.statusCode() + " " + res.body());
        }
        return JSON.readTree(res.body()).path("access_token").asText();
    }

    static void time(String appUrl, String token, String name, String path, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = -2; i < runs; i++) {
            double took = once(appUrl, token, name, path);
            if (i >= 0) {
                ms[i] = took;
            }
        }
        Arrays.sort(ms);
        System.out.printf("[bench] %-30s min %7.1f ms  median %7.1f ms  p95 %7.1f ms%n", name, ms[0], ms[runs / 2],
                ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)]);
    }

    /** One call, in milliseconds. */
    static double once(String appUrl, String token, String name, String path) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - t) / 1e6;
        if (res.statusCode() != 200) {
            throw new IllegalStateException(name + ": " + res.statusCode() + " " + res.body());
        }
        return took;
    }
}
