package ru.coalition.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import ru.coalition.devstack.BenchApp;
import ru.coalition.devstack.BenchMembers;
import ru.coalition.devstack.DevStack;
import ru.coalition.devstack.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending engine's rate (issue 12 §5; ./mvnw -Pbench -Dbench.main=ru.coalition.bench.MailBenchmark): the packaged
 * app sends one campaign to 100 000 members (made by SQL, each with the marketing e-mail consent) into a minimal SMTP
 * sink ({@link SmtpSink}), with its rate limit out of the way. Beside it, in the same run and into the same sink, the
 * plain mail client quarkus-mailer wraps (Vert.x MailClient, the same pool size) sends as fast as it can, and pgbench
 * runs against the same PostgreSQL. docs/benchmarks.md has the figures.
 */
public final class MailBenchmark {

    public static void main(String[] args) throws Exception {
        int recipients = Integer.getInteger("bench.recipients", 100_000);
        int pool = Integer.getInteger("bench.pool", 16);
        int threads = Integer.getInteger("bench.threads", 16);
        int plain = Integer.getInteger("bench.plain", 20_000);
        Path project = DevStack.projectDir();
        int appPort = DevStack.freePort();
        String appUrl = "http://localhost:" + appPort;
        try (SmtpSink sink = new SmtpSink();
             DevStack stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-mail-bench"), false, appUrl,
                     DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false))) {
            String db = stack.postgres.jdbcUrl("coalition");
            // 1. the plain client, as fast as it goes (64 in flight over the pool), before the app takes the CPU
            double plainRate = plainClient(sink, pool, plain);
            System.out.printf(Locale.ROOT, "[bench] plain Vert.x MailClient: %d mails, %.0f/s%n", plain, plainRate);

            Process app = BenchApp.start(project, stack, appUrl, appPort, Map.of(
                    "SMTP_BULK_HOST", "127.0.0.1", "SMTP_BULK_PORT", String.valueOf(sink.port()), "SMTP_BULK_POOL", String.valueOf(pool),
                    "SENDING_EMAIL_PER_SECOND", "100000", "SENDING_THREADS", String.valueOf(threads), "COALITION_JOBS_DELAY", "1s",
                    // the engine's retries (INFO) are shown, the rest of the app's log stays at WARN
                    "QUARKUS_LOG_CONSOLE_LEVEL", "INFO", "QUARKUS_LOG_LEVEL", "WARN", "QUARKUS_LOG_CATEGORY__RU_COALITION_MAILINGS__LEVEL", "INFO"));
            try {
                try (Connection c = DriverManager.getConnection(db, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD); Statement s = c.createStatement()) {
                    long t0 = System.nanoTime();
                    s.executeUpdate(BenchMembers.insert(recipients, "bench"));
                    s.executeUpdate(BenchMembers.consents("bench"));
                    s.execute("analyze");
                    System.out.printf("[bench] %d members with consent made in %d ms%n", recipients, (System.nanoTime() - t0) / 1_000_000);
                    long before = sink.accepted.get();
                    s.executeUpdate("insert into campaign (kind, channel, name, subject_ru, subject_en, body_ru, body_en, status, scheduled_at,"
                            + " created_by, created_at, updated_at) values ('OFFER', 'EMAIL', 'bench', '{member.firstName}, скидки недели',"
                            + " '{member.firstName}, deals of the week', '# Здравствуйте, {member.firstName}!\n\nСкидка **20 %%** в"
                            + " [каталоге](https://example.org/catalog) и [у партнёров](https://example.org/partners).', 'Hello!"
                            + " [Catalog](https://example.org/catalog)', 'SCHEDULED', now(), 'bench', now(), now())".replace("%%", "%"));
                    long start = System.nanoTime();
                    long last = before;
                    long lastAt = start;
                    double peak = 0;
                    while (true) {
                        Thread.sleep(5000);
                        long n = sink.accepted.get();
                        long now = System.nanoTime();
                        double r = (n - last) * 1e9 / (now - lastAt);
                        peak = Math.max(peak, r);
                        System.out.printf(Locale.ROOT, "[bench] %d accepted, %.0f/s over the last 5 s%n", n - before, r);
                        last = n;
                        lastAt = now;
                        try (ResultSet rs = s.executeQuery("select status from campaign where name = 'bench'")) {
                            rs.next();
                            if ("SENT".equals(rs.getString(1))) {
                                break;
                            }
                        }
                        if (Duration.ofNanos(now - start).toMinutes() > 30) {
                            throw new IllegalStateException("the campaign did not finish in 30 minutes");
                        }
                    }
                    double secs;
                    long sent;
                    try (ResultSet rs = s.executeQuery("select extract(epoch from max(r.sent_at) - min(c.started_at)), count(*)"
                            + " from campaign c join campaign_recipient r on r.campaign_id = c.id and r.status = 'SENT' where c.name = 'bench'")) {
                        rs.next();
                        secs = rs.getDouble(1);
                        sent = rs.getLong(2);
                    }
                    // a message the server refused is retried 30 s later and shows in the tail of the run
                    try (ResultSet rs = s.executeQuery("select count(*) filter (where r.attempts > 1), coalesce(max(r.attempts), 0),"
                            + " string_agg(distinct r.last_error, ' | ') from campaign c join campaign_recipient r on r.campaign_id = c.id"
                            + " where c.name = 'bench'")) {
                        rs.next();
                        System.out.printf("[bench] retried: %d (most attempts %d), errors: %s%n", rs.getLong(1), rs.getInt(2), rs.getString(3));
                    }
                    double engineRate = sent / secs;
                    System.out.printf(Locale.ROOT, "[bench] engine: %d sent in %.1f s from start (recipients resolved included): %.0f/s, peak 5 s %.0f/s%n",
                            sent, secs, engineRate, peak);
                    double tps = PurchaseBenchmark.pgbench(stack, 8, 20);
                    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                            .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
                    System.out.printf(Locale.ROOT, """
                            | date | machine | recipients | engine mails/s | peak 5 s | plain client mails/s | pool | threads | pgbench tps |
                            |---|---|---|---|---|---|---|---|---|
                            | %s | %d cores, %s | %d | %.0f | %.0f | %.0f | %d | %d | %.0f |
                            """, LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpu, sent, engineRate, peak, plainRate,
                            pool, threads, tps);
                }
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
        System.exit(0);
    }

    static double plainClient(SmtpSink sink, int pool, int n) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            MailClient client = MailClient.create(vertx, new MailConfig().setHostname("127.0.0.1").setPort(sink.port())
                    .setStarttls(StartTLSOptions.DISABLED).setMaxPoolSize(pool).setKeepAlive(true));
            String html = "<html><body><h1>Здравствуйте, Анна!</h1><p>Скидка <strong>20 %</strong>.</p></body></html>";
            Semaphore inFlight = new Semaphore(64);
            CountDownLatch done = new CountDownLatch(n);
            AtomicLong failed = new AtomicLong();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                MailMessage m = new MailMessage().setFrom("noreply@coalition.local").setTo("plain" + i + "@example.org")
                        .setSubject("Анна, скидки недели").setHtml(html).setText("Здравствуйте, Анна!");
                client.sendMail(m).onComplete(r -> {
                    if (r.failed()) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                    done.countDown();
                });
            }
            done.await();
            double rate = n * 1e9 / (System.nanoTime() - t0);
            if (failed.get() > 0) {
                System.out.println("[bench] plain client failures: " + failed.get());
            }
            client.close();
            return rate;
        } finally {
            vertx.close();
        }
    }
}
