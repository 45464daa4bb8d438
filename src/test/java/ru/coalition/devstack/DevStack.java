package ru.coalition.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything Coalition needs around it, started from Maven Central artifacts: PostgreSQL, Keycloak, an SMTP server
 * (GreenMail) and the SMS gateway stand-in. Tests start one per JVM; the demo run starts one with durable data.
 * {@link #environment()} gives the same variables production reads (see application.properties).
 */
public final class DevStack implements AutoCloseable {

    public record Options(Path baseDir, boolean durable, String appUrl, int postgresPort, int keycloakPort,
                          int smtpPort, int smsPort, boolean printSms) {
    }

    private final Options options;
    // filled in as each service comes up, so close() stops whatever started, even when start() was interrupted
    public volatile EmbeddedPostgres postgres;
    public volatile EmbeddedKeycloak keycloak;
    public volatile GreenMail mail;
    public volatile SmsCatcher sms;
    /** GreenMail's IMAP port (a free one): the support desk reads its mailbox there. */
    public volatile int imapPort;

    /** The support desk's mailbox on GreenMail (issue 11 §2): mails to this address are read over IMAP. */
    public static final String SUPPORT_MAILBOX = "support@coalition.local";
    public static final String SUPPORT_MAILBOX_PASSWORD = "support-mailbox-demo";
    /** The bounce mailbox of mailings on GreenMail (issue 12 §6): delivery status notifications are read over IMAP. */
    public static final String BOUNCE_MAILBOX = "bounces@coalition.local";
    public static final String BOUNCE_MAILBOX_PASSWORD = "bounce-mailbox-demo";
    /** The shared secret of the bounce webhook in the tests and the demo run. */
    public static final String BOUNCE_WEBHOOK_SECRET = "demo-bounce-webhook-secret";

    public DevStack(Options options) {
        this.options = options;
    }

    public static DevStack start(Options o) throws IOException, SQLException {
        DevStack stack = new DevStack(o);
        try {
            stack.start();
        } catch (IOException | SQLException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public void start() throws IOException, SQLException {
        Files.createDirectories(options.baseDir());
        imapPort = freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(options.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT_MAILBOX, SUPPORT_MAILBOX, SUPPORT_MAILBOX_PASSWORD);
        mail.setUser(BOUNCE_MAILBOX, BOUNCE_MAILBOX, BOUNCE_MAILBOX_PASSWORD);
        sms = SmsCatcher.start(options.smsPort(), options.printSms());
        postgres = EmbeddedPostgres.start(options.baseDir().resolve("postgres"), options.postgresPort(), options.durable());
        postgres.ensureDatabase("coalition");
        postgres.ensureDatabase("keycloak");
        keycloak = EmbeddedKeycloak.start(keycloakHome(), realmFileFor(options.appUrl(), options.baseDir()), postgres,
                options.keycloakPort(), options.appUrl(), options.baseDir().resolve("keycloak.log"));
        keycloak.awaitReady();
    }

    /** The variables application.properties reads in every profile. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", postgres.jdbcUrl("coalition"));
        env.put("DB_USER", EmbeddedPostgres.USER);
        env.put("DB_PASSWORD", EmbeddedPostgres.PASSWORD);
        env.put("OIDC_SERVER_URL", keycloak.realmUrl());
        env.put("OIDC_WEB_SECRET", "coalition-web-secret");
        env.put("KEYCLOAK_URL", keycloak.baseUrl());
        env.put("KEYCLOAK_APP_SECRET", "coalition-app-secret");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(options.smtpPort()));
        env.put("SUPPORT_MAILBOX_ENABLED", "true");
        env.put("SUPPORT_MAILBOX_ADDRESS", SUPPORT_MAILBOX);
        env.put("SUPPORT_MAILBOX_HOST", "127.0.0.1");
        env.put("SUPPORT_MAILBOX_PORT", String.valueOf(imapPort));
        env.put("SUPPORT_MAILBOX_PROTOCOL", "imap");
        env.put("SUPPORT_MAILBOX_USER", SUPPORT_MAILBOX);
        env.put("SUPPORT_MAILBOX_PASSWORD", SUPPORT_MAILBOX_PASSWORD);
        env.put("BOUNCES_MAILBOX_ENABLED", "true");
        env.put("BOUNCES_MAILBOX_ADDRESS", BOUNCE_MAILBOX);
        env.put("BOUNCES_MAILBOX_HOST", "127.0.0.1");
        env.put("BOUNCES_MAILBOX_PORT", String.valueOf(imapPort));
        env.put("BOUNCES_MAILBOX_PROTOCOL", "imap");
        env.put("BOUNCES_MAILBOX_USER", BOUNCE_MAILBOX);
        env.put("BOUNCES_MAILBOX_PASSWORD", BOUNCE_MAILBOX_PASSWORD);
        env.put("BOUNCES_WEBHOOK_SECRET", BOUNCE_WEBHOOK_SECRET);
        // the mailto: unsubscribe requests land in the bounce mailbox, whose poller hands them on (MailtoUnsubscribes)
        env.put("MAILING_UNSUBSCRIBE_ADDRESS", BOUNCE_MAILBOX);
        env.put("SMS_GATEWAY_URL", sms.url());
        env.put("SMS_GATEWAY_KEY", SmsCatcher.API_KEY);
        // fixed for the demo and the tests only, so demo cards printed before a restart still work
        env.put("SCRATCH_CODE_HASH_KEY", "ZGVtby1zY3JhdGNoLWNvZGUtaGFzaC1rZXktMzItYnl0ZXM=");
        env.put("SCRATCH_CODE_SEAL_KEY", "ZGVtby1zY3JhdGNoLWNvZGUtc2VhbC1rZXktMzItYnl0ZXM=");
        env.put("SUPPORT_RATING_LINK_KEY", "ZGVtby1zdXBwb3J0LXJhdGluZy1saW5rLWtleS0zMmI=");
        env.put("MAILING_LINK_KEY", "ZGVtby1tYWlsaW5nLWxpbmsta2V5LXRoaXJ0eS10d28tYnl0ZXM=");
        env.put("ANALYTICS_CELL_KEY", "ZGVtby1hbmFseXRpY3MtY2VsbC1rZXktMzItYnl0ZXM=");
        return env;
    }

    public static int freePort() {
        return Processes.freePort();
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("devstack.project.dir", ".")).toAbsolutePath().normalize();
    }

    static Path keycloakHome() {
        String home = System.getProperty("devstack.keycloak.home");
        if (home == null) {
            throw new IllegalStateException("devstack.keycloak.home is not set; run through Maven (see README)");
        }
        return Path.of(home);
    }

    /** The realm file with the app's address filled in for the web client's redirect URIs. */
    private static Path realmFileFor(String appUrl, Path baseDir) throws IOException {
        String realm = Files.readString(projectDir().resolve("src/main/keycloak/coalition-realm.json"));
        Path out = baseDir.resolve("coalition-realm.json");
        Files.writeString(out, realm.replace("@APP_URL@", appUrl));
        return out;
    }

    @Override
    public synchronized void close() {
        if (keycloak != null) {
            keycloak.close();
            keycloak = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (mail != null) {
            mail.stop();
            mail = null;
        }
        if (sms != null) {
            sms.close();
            sms = null;
        }
    }
}
