package ru.coalition.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import ru.coalition.devstack.DevStack;
import ru.coalition.devstack.EmbeddedPostgres;
import ru.coalition.mailings.SegmentDefinition;
import ru.coalition.mailings.SegmentSql;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment counts over a large member base (issue 12, docs/benchmarks.md "Segment counts"). Not a test: run it with
 *
 * <pre>./mvnw -Pbench -Dbench.main=ru.coalition.bench.SegmentBenchmark [-Dbench.members=1000000] [-Dbench.purchases=10000000]</pre>
 *
 * It starts PostgreSQL alone (no Keycloak, no app), applies the app's migrations with Flyway, and loads the real tables
 * a count reads with COPY through pgjdbc's CopyManager: partners and their program versions, members (questionnaire
 * answers drawn with realistic weights), a coalition wallet per member, consents, purchases (each member buys at one to
 * four "home" partners over the last 400 days) and refunds of 1 % of them, tiers at two partners. Then the activity
 * rollup is built by the app's own fold statement (timed), and several realistic definitions, compiled by the app's
 * SegmentCompiler, are counted: two warm-up runs, then bench.runs timed runs each (min, median, p95). pgbench
 * (TPC-B-like, scale 10, 2 clients, 20 s) runs on the same PostgreSQL last. Seeded: -Dbench.seed.
 */
public final class SegmentBenchmark {

    static final String[] CITIES = {"Москва", "Санкт-Петербург", "Смоленск", "Казань", "Новосибирск", "Екатеринбург", "Нижний Новгород",
            "Самара", "Ростов-на-Дону", "Краснодар", "Воронеж", "Пермь", "Тверь", "Калуга", "Брянск", "Вязьма", "Рославль", "Ярцево"};
    static final double[] CITY_WEIGHTS = {20, 10, 15, 5, 4, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3, 4, 3, 3};
    static final String[] STATUSES = {"employed", "self-employed", "entrepreneur", "student", "retired", "unemployed", "homemaker", "other"};
    static final double[] STATUS_WEIGHTS = {50, 8, 6, 10, 15, 3, 5, 3};
    static final String[] INCOMES = {"under-25k", "25-50k", "50-100k", "100-200k", "over-200k", "undisclosed"};
    static final double[] INCOME_WEIGHTS = {10, 25, 30, 15, 5, 15};
    static final int PARTNERS = 20;

    public static void main(String[] args) throws Exception {
        int members = Integer.getInteger("bench.members", 1_000_000);
        long purchases = Long.getLong("bench.purchases", 10_000_000L);
        int runs = Integer.getInteger("bench.runs", 21);
        long seed = Long.getLong("bench.seed", 12L);
        System.out.printf("[bench] segments: %d members, %d purchases, seed %d%n", members, purchases, seed);
        String reuse = System.getProperty("bench.reuse-port");
        if (reuse != null) {
            // a database an earlier run loaded and left running (-Dbench.keep=true): time the counts again, no load
            String url = "jdbc:postgresql://127.0.0.1:" + reuse + "/coalition";
            Class.forName("org.postgresql.Driver"); // under exec:java nothing else has loaded it yet
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
                Map<String, Long> partnerIds = new LinkedHashMap<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select slug, id from partner where slug like 'bench-%' order by id")) {
                    while (rs.next()) {
                        partnerIds.put(rs.getString(1), rs.getLong(2));
                    }
                }
                try (Statement s = c.createStatement()) {
                    printSizes(s);
                }
                time(c, url, partnerIds, runs, Instant.parse("2026-12-06T09:00:00Z"));
                writePaths(c, partnerIds, members, Integer.getInteger("bench.writes", 3000), seed);
            }
            pgbench(reuse);
            return;
        }
        Path base = DevStack.projectDir().resolve("target/bench-segments");
        EmbeddedPostgres pg = EmbeddedPostgres.start(base, DevStack.freePort(), false);
        try {
            pg.ensureDatabase("coalition");
            String url = pg.jdbcUrl("coalition");
            Flyway.configure().dataSource(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD).locations("classpath:db/migration")
                    .load().migrate();
            Instant now = Instant.parse("2026-12-06T09:00:00Z");
            Map<String, Long> partnerIds;
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
                long t0 = System.nanoTime();
                partnerIds = load(c, members, purchases, seed, now);
                System.out.printf("[bench] loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                fold(c);
                System.out.printf("[bench] activity rollup built by the fold in %.1f s%n", (System.nanoTime() - t1) / 1e9);
                try (Statement s = c.createStatement()) {
                    s.execute("vacuum analyze");
                    printSizes(s);
                }
                time(c, url, partnerIds, runs, now);
                writePaths(c, partnerIds, members, Integer.getInteger("bench.writes", 3000), seed);
            }
            pgbench(String.valueOf(pg.port()));
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.printf("[bench] PostgreSQL left running on port %d; -Dbench.reuse-port=%d times the counts again%n", pg.port(), pg.port());
            } else {
                pg.close();
            }
        }
    }

    /** pgbench (TPC-B-like, scale 10, 2 clients, 20 s) against the same PostgreSQL, as docs/benchmarks.md's other rows. */
    static void pgbench(String port) throws Exception {
        String pgbench = System.getProperty("bench.pgbench", "/usr/bin/pgbench");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD)) {
            c.createStatement().execute("drop database if exists bench");
            c.createStatement().execute("create database bench");
        }
        PurchaseBenchmark.exec(List.of(pgbench, "-h", "127.0.0.1", "-p", port, "-U", EmbeddedPostgres.USER, "-i", "-q", "-s", "10", "bench"));
        String out = PurchaseBenchmark.exec(List.of(pgbench, "-h", "127.0.0.1", "-p", port, "-U", EmbeddedPostgres.USER, "-c", "2",
                "-j", "2", "-T", "20", "bench"));
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        System.out.printf("[bench] pgbench (scale 10, 2 clients, 20 s): %s tps%n", m.find() ? m.group(1) : "?");
    }

    // ---- the data ----

    static Map<String, Long> load(Connection c, int members, long purchases, long seed, Instant now) throws Exception {
        return load(c, new LinkedHashMap<>(), members, purchases, seed, now);
    }

    /**
     * As above, with partners that exist already (the app's tenants, with their program versions) first in line: the
     * first one is the busiest; bench partners are added up to {@link #PARTNERS}.
     */
    public static Map<String, Long> load(Connection c, Map<String, Long> existing, int members, long purchases, long seed, Instant now) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Long> partnerIds = new LinkedHashMap<>(existing);
        try (Statement s = c.createStatement()) {
            for (int p = existing.size() + 1; p <= PARTNERS; p++) {
                String slug = String.format("bench-%02d", p);
                try (ResultSet rs = s.executeQuery("insert into partner (slug, name, wallet_scope, source, created_at, updated_at)"
                        + " values ('" + slug + "', 'Bench " + p + "', 'COALITION', 'CONSOLE', now(), now()) returning id")) {
                    rs.next();
                    partnerIds.put(slug, rs.getLong(1));
                }
                s.execute("insert into program_version (partner_id, effective_from, definition, checksum, created_at) values ("
                        + partnerIds.get(slug) + ", '2020-01-01', '{}', 'bench', now())");
            }
        }
        long[] partners = partnerIds.values().stream().mapToLong(Long::longValue).toArray();
        long firstPartner = partners[0];
        Map<Long, Long> versionOf = new java.util.HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select partner_id, min(id) from program_version group by partner_id")) {
            while (rs.next()) {
                versionOf.put(rs.getLong(1), rs.getLong(2));
            }
        }
        // members, in chunks; member ids are the identity 1..n of a fresh database (checked below)
        long t = System.nanoTime();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int chunk = 50_000;
        for (int from = 0; from < members; from += chunk) {
            StringBuilder b = new StringBuilder(chunk * 200);
            for (int i = from; i < Math.min(members, from + chunk); i++) {
                int age = 18 + (int) Math.min(72, Math.abs(rnd.nextGaussian() * 14 + 20));
                LocalDate birth = today.minusYears(age).minusDays(rnd.nextInt(365));
                String gender = rnd.nextInt(100) < 55 ? "female" : "male";
                boolean email = rnd.nextInt(100) < 70;
                b.append(new UUID(seed, i)).append('\t').append(String.format("%016d", 2_000_000_000_000_000L + i)).append('\t')
                        .append("Участник\t").append("Номер").append(i).append('\t')
                        .append("+7900").append(String.format("%07d", i)).append('\t')
                        .append(email ? "m" + i + "@bench.example" : "\\N").append('\t')
                        .append(birth).append('\t').append(gender).append('\t')
                        .append(pick(CITIES, CITY_WEIGHTS, rnd)).append('\t').append(pick(STATUSES, STATUS_WEIGHTS, rnd)).append('\t')
                        .append(pick(INCOMES, INCOME_WEIGHTS, rnd)).append('\t').append(email ? "email" : "sms").append('\t')
                        .append("R").append(Long.toString(i, 36)).append('\t')
                        .append(Timestamp.from(now.minusSeconds(86_400L * (1 + rnd.nextInt(1500))))).append('\n');
            }
            copy.copyIn("copy member (public_id, card_number, last_name, first_name, phone, email, birth_date, gender, city,"
                    + " social_status, income_bracket, preferred_channel, referral_code, registered_at) from stdin", new StringReader(b.toString()));
        }
        long minId = single(c, "select min(id) from member");
        System.out.printf("[bench] %d members in %.1f s%n", members, (System.nanoTime() - t) / 1e9);
        // a coalition wallet each (balance as the sum of its entries would be: the benchmark writes no entries)
        t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("insert into wallet (member_id, partner_id, balance, created_at) select id, null,"
                    + " (hashtext(id::text) & 4095), registered_at from member");
            // consents: personal data for everyone, marketing e-mail for 45 %, partner offers e-mail for 35 %, a withdrawal for 5 %
            s.execute("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                    + " select id, 'PERSONAL_DATA', true, '2026-11', registered_at, 'REGISTRATION' from member");
            s.execute("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                    + " select id, 'MARKETING_EMAIL', true, '2026-11', registered_at, 'REGISTRATION' from member where id % 20 < 9");
            s.execute("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                    + " select id, 'MARKETING_EMAIL', false, '2026-11', registered_at + interval '30 days', 'CABINET' from member where id % 20 = 0");
            s.execute("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                    + " select id, 'PARTNER_OFFERS_EMAIL', true, '2026-11', registered_at, 'REGISTRATION' from member where id % 20 between 3 and 9");
        }
        System.out.printf("[bench] wallets and consents in %.1f s%n", (System.nanoTime() - t) / 1e9);
        Map<Long, Long> walletOf = null;
        long minWallet = single(c, "select min(id) from wallet");
        // purchases: each member has 1..4 home partners (skewed to the first ones), purchases spread over 400 days
        t = System.nanoTime();
        double perMember = (double) purchases / members;
        long written = 0;
        int chunkPurchases = 200_000;
        StringBuilder b = new StringBuilder(chunkPurchases * 180);
        int inChunk = 0;
        long receipt = 0;
        for (int i = 0; i < members && written < purchases; i++) {
            long memberId = minId + i;
            long walletId = minWallet + i;
            int homes = 1 + rnd.nextInt(4);
            long[] home = new long[homes];
            for (int h = 0; h < homes; h++) {
                home[h] = partners[(int) Math.min(PARTNERS - 1, Math.abs(rnd.nextGaussian() * 6))];
            }
            long n = Math.max(1, Math.round(perMember * (0.2 + rnd.nextDouble() * 1.6)));
            for (long k = 0; k < n && written < purchases; k++) {
                long partner = home[rnd.nextInt(homes)];
                Instant at = now.minusSeconds(rnd.nextLong(400L * 86_400));
                long total = 10_000 + (long) Math.abs(rnd.nextGaussian() * 150_000);
                b.append(new UUID(seed + 1, receipt)).append('\t').append(partner).append('\t').append('B').append(receipt++).append('\t')
                        .append(memberId).append('\t').append(walletId).append('\t').append(versionOf.get(partner)).append('\t')
                        .append(Timestamp.from(at)).append("+00\tbench\t").append(total).append('\t').append(total / 100).append('\t')
                        .append(Timestamp.from(at)).append("+00\t{}\t").append(Timestamp.from(at)).append("+00\n");
                written++;
                if (++inChunk == chunkPurchases) {
                    copyPurchases(copy, b);
                    b.setLength(0);
                    inChunk = 0;
                }
            }
        }
        if (inChunk > 0) {
            copyPurchases(copy, b);
        }
        System.out.printf("[bench] %d purchases in %.1f s (%.0f rows/s)%n", written, (System.nanoTime() - t) / 1e9,
                written / ((System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("insert into refund (partner_id, refund_id, purchase_id, fingerprint, amount, points_reversed, response, created_at)"
                    + " select partner_id, 'RF' || id, id, 'bench', total / 2, points / 2, '{}', occurred_at + interval '1 day'"
                    + " from purchase where id % 100 = 7");
            // tiers at the first two partners: silver for a fifth of their members, gold for a twentieth
            s.execute("insert into member_tier (partner_id, member_id, tier_code, spend, since, updated_at)"
                    + " select partner_id, member_id, case when member_id % 4 = 0 then 'gold' else 'silver' end, 0, now(), now()"
                    + " from (select distinct partner_id, member_id from purchase where partner_id in (" + firstPartner + ", "
                    + partners[1] + ") and member_id % 5 = 0) x");
        }
        System.out.printf("[bench] refunds and tiers in %.1f s%n", (System.nanoTime() - t) / 1e9);
        return partnerIds;
    }

    /**
     * The ledger of what {@link #load} wrote, as the app would have posted it: an accrual for each purchase and a
     * reversal for each refund, the wallets' totals equal to their entries, and each receipt in the registry, so that
     * the ledger audit finds it clean (FailoverIT's {@code -Dfailover.preload}).
     */
    public static void ledgerOf(Connection c) throws Exception {
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("insert into purchase_receipt (partner_id, receipt_id, purchase_id) select partner_id, receipt_id, id from purchase"
                    + " where fingerprint = 'bench' on conflict do nothing");
            s.execute("insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)"
                    + " select wallet_id, member_id, partner_id, 'ACCRUAL', points, activates_at, created_at, 'purchase', id from purchase"
                    + " where fingerprint = 'bench' and points <> 0");
            s.execute("insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)"
                    + " select p.wallet_id, p.member_id, r.partner_id, 'REVERSAL', -r.points_reversed, r.created_at, r.created_at, 'refund', r.id"
                    + " from refund r join purchase p on p.id = r.purchase_id where r.fingerprint = 'bench' and r.points_reversed <> 0");
            s.execute("update wallet w set balance = coalesce((select sum(e.amount) from ledger_entry e where e.wallet_id = w.id), 0)");
            s.execute("vacuum analyze");
        }
        System.out.printf("[bench] the ledger of the loaded purchases and refunds in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    static void copyPurchases(CopyManager copy, StringBuilder b) throws Exception {
        copy.copyIn("copy purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at,"
                + " fingerprint, total, points, activates_at, response, created_at) from stdin", new StringReader(b.toString()));
    }

    static String pick(String[] values, double[] weights, SplittableRandom rnd) {
        double sum = Arrays.stream(weights).sum();
        double x = rnd.nextDouble() * sum;
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The app's fold (purchases.PurchaseActivity.fold), statement for statement. */
    public static void fold(Connection c) throws Exception {
        c.setAutoCommit(false);
        String from;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(folded_below as text) from purchase_activity_cursor for update")) {
            rs.next();
            from = rs.getString(1);
        }
        String to;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)")) {
            rs.next();
            to = rs.getString(1);
        }
        List<Object> values = new ArrayList<>();
        Matcher m = Pattern.compile(":(from|to|now|partners|zones|zone)\\b").matcher(ru.coalition.purchases.PurchaseActivity.FOLD);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            values.add(switch (m.group(1)) {
                case "from" -> from;
                case "to" -> to;
                // every bench partner keeps Moscow time: no partner list, the fold's own fallback zone for all
                case "partners" -> c.createArrayOf("bigint", new Long[0]);
                case "zones" -> c.createArrayOf("text", new String[0]);
                case "zone" -> "Europe/Moscow";
                default -> Timestamp.from(Instant.now());
            });
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    // ---- the counts ----

    record Case(String name, Long partner, String json) {
    }

    static void time(Connection c, String url, Map<String, Long> partnerIds, int runs, Instant now) throws Exception {
        ObjectMapper json = new ObjectMapper();
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(EmbeddedPostgres.USER);
        ds.setPassword(EmbeddedPostgres.PASSWORD);
        long p1 = partnerIds.get("bench-01");
        List<Case> cases = List.of(
                new Case("operator: women 25-44 in Moscow", null, """
                        {"match":"all","conditions":[{"type":"gender","value":"female"},{"type":"ageBand","values":["25-34","35-44"]},
                        {"type":"city","values":["Москва"]}]}"""),
                new Case("operator: bought at P1 in 90 days, not at P2 in 90 days, e-mail consent", null, """
                        {"match":"all","conditions":[{"type":"boughtAt","partner":"bench-01","days":90},
                        {"type":"notBoughtAt","partner":"bench-02","days":90},{"type":"consent","value":"marketingEmail"}]}"""),
                new Case("operator: (spent >= 20 000 or >= 15 visits, all partners) and income >= 100k", null, """
                        {"match":"all","conditions":[{"type":"incomeBracket","values":["100-200k","over-200k"]}],
                        "groups":[{"match":"any","conditions":[{"type":"spend","minSpend":"20000.00"},{"type":"visits","min":15}]}]}"""),
                new Case("operator: birthday this month, e-mail consent", null, """
                        {"match":"all","conditions":[{"type":"birthdayThisMonth"},{"type":"consent","value":"marketingEmail"}]}"""),
                new Case("operator: gold at P1, balance >= 1000, not bought anywhere in 30 days", null, """
                        {"match":"all","conditions":[{"type":"tier","partner":"bench-01","values":["gold"]},{"type":"balance","min":1000},
                        {"type":"notBoughtAt","days":30}]}"""),
                new Case("partner P1: own customers bought in 30 days, aged 18-34", p1, """
                        {"match":"all","conditions":[{"type":"boughtAt","days":30},{"type":"ageBand","values":["18-24","25-34"]}]}"""),
                new Case("partner P1: spent >= 10 000 at P1 in Smolensk or Vyazma, partner-offer consent", p1, """
                        {"match":"all","conditions":[{"type":"spend","minSpend":"10000.00"},{"type":"city","values":["Смоленск","Вязьма"]},
                        {"type":"consent","value":"partnerOffersEmail"}]}"""),
                new Case("partner P1: all own customers", p1, """
                        {"match":"all","conditions":[]}"""));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        SegmentSql segments = new SegmentSql(ds, partnerIds, clock);
        // the snapshot SegmentIndex keeps for a large base: read twice (the first warms the JIT), the second timed
        segments.snapshot();
        System.gc();
        long heap0 = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long t0 = System.nanoTime();
        ru.coalition.mailings.SegmentSnapshot snapshot = segments.snapshot();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() - heap0;
        System.out.printf("[bench] snapshot of %d members read in %d ms, about %d MB of heap (%d MB by its own estimate)%n",
                snapshot.members().activeCount(), loadMs, heap >> 20, snapshot.bytes() >> 20);
        System.out.println("| definition | count | SQL min ms | SQL median ms | SQL p95 ms | snapshot count | snapshot min ms | snapshot median ms | snapshot p95 ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Case k : cases) {
            SegmentDefinition d = json.readValue(k.json(), SegmentDefinition.class);
            Map.Entry<String, Map<String, Object>> q = segments.count(d, k.partner());
            List<Object> ordered = new ArrayList<>();
            Matcher m = Pattern.compile(":(s\\d+)").matcher(q.getKey());
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                ordered.add(q.getValue().get(m.group(1)));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            long count = 0;
            double[] ms = new double[runs];
            try (Statement set = c.createStatement()) {
                // as Segments.count sets it for its transaction
                set.execute("set work_mem = '" + ru.coalition.mailings.Segments.WORK_MEM + "'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < ordered.size(); i++) {
                    Object v = ordered.get(i);
                    if (v instanceof Instant instant) {
                        ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                for (int r = -2; r < runs; r++) {
                    long t = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                    }
                    if (r >= 0) {
                        ms[r] = (System.nanoTime() - t) / 1e6;
                    }
                }
            }
            Arrays.sort(ms);
            long inMemory = 0;
            double[] mem = new double[runs];
            for (int r = -5; r < runs; r++) {
                long t = System.nanoTime();
                inMemory = segments.count(d, k.partner(), snapshot);
                if (r >= 0) {
                    mem[r] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(mem);
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %d | %.1f | %.1f | %.1f |%n", k.name(), count, ms[0], ms[runs / 2],
                    ms[(int) Math.ceil(runs * 0.95) - 1], inMemory, mem[0], mem[runs / 2], mem[(int) Math.ceil(runs * 0.95) - 1]);
            if (inMemory != count) {
                System.out.println("[bench] MISMATCH: the snapshot's count differs from SQL's for " + k.name());
            }
            if (Boolean.getBoolean("bench.explain")) {
                System.out.println(sql);
            }
        }
    }

    /**
     * What keeping the rollup on the purchase path would cost, beside what the fold costs off it: single-row purchase
     * inserts, each its own transaction (as a till's post commits), without and then with the two upserts
     * (per partner and total) in the same transaction.
     */
    static void writePaths(Connection c, Map<String, Long> partnerIds, int members, int n, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed + 7);
        long minId = single(c, "select min(id) from member");
        long minWallet = single(c, "select min(id) from wallet");
        long firstPartner = partnerIds.values().iterator().next();
        long version = single(c, "select min(id) from program_version");
        String insert = "insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at,"
                + " fingerprint, total, points, activates_at, response, created_at) values (?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?, '{}', ?)";
        String upsertPair = "insert into purchase_activity as a (member_id, partner_id, first_at, last_at, receipts, spend) values (?, ?, ?, ?, 1, ?)"
                + " on conflict (partner_id, member_id) do update set first_at = least(a.first_at, excluded.first_at),"
                + " last_at = greatest(a.last_at, excluded.last_at), receipts = a.receipts + 1, spend = a.spend + excluded.spend";
        String upsertTotal = "insert into purchase_activity_total as t (member_id, first_at, last_at, receipts, spend) values (?, ?, ?, 1, ?)"
                + " on conflict (member_id) do update set first_at = least(t.first_at, excluded.first_at),"
                + " last_at = greatest(t.last_at, excluded.last_at), receipts = t.receipts + 1, spend = t.spend + excluded.spend";
        c.setAutoCommit(false);
        double[] perMode = new double[2];
        for (int mode = 0; mode < 2; mode++) {
            try (PreparedStatement ins = c.prepareStatement(insert); PreparedStatement up1 = c.prepareStatement(upsertPair);
                 PreparedStatement up2 = c.prepareStatement(upsertTotal)) {
                long t = 0;
                for (int i = -200; i < n; i++) {
                    long member = minId + rnd.nextInt(members);
                    long partner = firstPartner + rnd.nextInt(PARTNERS);
                    java.time.OffsetDateTime at = java.time.OffsetDateTime.now(ZoneOffset.UTC);
                    long total = 10_000 + rnd.nextInt(500_000);
                    long start = System.nanoTime();
                    ins.setObject(1, UUID.randomUUID());
                    ins.setLong(2, partner);
                    ins.setString(3, "W" + mode + "-" + i + "-" + System.nanoTime());
                    ins.setLong(4, member);
                    ins.setLong(5, minWallet + (member - minId));
                    ins.setLong(6, version);
                    ins.setObject(7, at);
                    ins.setLong(8, total);
                    ins.setLong(9, total / 100);
                    ins.setObject(10, at);
                    ins.setObject(11, at);
                    ins.executeUpdate();
                    if (mode == 1) {
                        up1.setLong(1, member);
                        up1.setLong(2, partner);
                        up1.setObject(3, at);
                        up1.setObject(4, at);
                        up1.setLong(5, total);
                        up1.executeUpdate();
                        up2.setLong(1, member);
                        up2.setObject(2, at);
                        up2.setObject(3, at);
                        up2.setLong(4, total);
                        up2.executeUpdate();
                    }
                    c.commit();
                    if (i >= 0) {
                        t += System.nanoTime() - start;
                    }
                }
                perMode[mode] = t / 1e6 / n;
            }
        }
        c.setAutoCommit(true);
        System.out.printf("[bench] write path, %d single-row purchases each its own transaction: %.3f ms each; with the two rollup upserts"
                + " in the same transaction: %.3f ms (+%.0f %%)%n", n, perMode[0], perMode[1], 100 * (perMode[1] / perMode[0] - 1));
        long t = System.nanoTime();
        fold(c);
        System.out.printf("[bench] the fold of those %d purchases afterwards: %.1f ms (%.3f ms per purchase, off the path)%n", 2 * n,
                (System.nanoTime() - t) / 1e6, (System.nanoTime() - t) / 1e6 / (2 * n));
    }

    static void printSizes(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("select relname, pg_size_pretty(pg_total_relation_size(oid)), reltuples::bigint from pg_class"
                + " where relname in ('member', 'purchase', 'purchase_activity', 'purchase_activity_total', 'consent', 'wallet', 'refund')"
                + " order by relname")) {
            while (rs.next()) {
                System.out.printf("[bench] %s: %s, ~%d rows%n", rs.getString(1), rs.getString(2), rs.getLong(3));
            }
        }
    }
}
