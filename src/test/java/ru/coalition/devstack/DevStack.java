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

    public final EmbeddedPostgres postgres;
    public final EmbeddedKeycloak keycloak;
    public final GreenMail mail;
    public final SmsCatcher sms;
    private final int smtpPort;

    private DevStack(EmbeddedPostgres postgres, EmbeddedKeycloak keycloak, GreenMail mail, SmsCatcher sms, int smtpPort) {
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.mail = mail;
        this.sms = sms;
        this.smtpPort = smtpPort;
    }

    public static DevStack start(Options o) throws IOException, SQLException {
        Files.createDirectories(o.baseDir());
        GreenMail mail = new GreenMail(new ServerSetup(o.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        SmsCatcher sms = SmsCatcher.start(o.smsPort(), o.printSms());
        EmbeddedPostgres pg = null;
        try {
            pg = EmbeddedPostgres.start(o.baseDir().resolve("postgres"), o.postgresPort(), o.durable());
            pg.ensureDatabase("coalition");
            pg.ensureDatabase("keycloak");
            EmbeddedKeycloak kc = EmbeddedKeycloak.start(keycloakHome(), realmFileFor(o.appUrl(), o.baseDir()), pg,
                    o.keycloakPort(), o.appUrl(), o.baseDir().resolve("keycloak.log"));
            return new DevStack(pg, kc, mail, sms, o.smtpPort());
        } catch (IOException | SQLException | RuntimeException e) {
            if (pg != null) {
                pg.close();
            }
            mail.stop();
            sms.close();
            throw e;
        }
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
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        env.put("SMS_GATEWAY_URL", sms.url());
        env.put("SMS_GATEWAY_KEY", SmsCatcher.API_KEY);
        return env;
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("coalition.project.dir", ".")).toAbsolutePath().normalize();
    }

    static Path keycloakHome() {
        String home = System.getProperty("coalition.keycloak.home");
        if (home == null) {
            throw new IllegalStateException("coalition.keycloak.home is not set; run through Maven (see README)");
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
    public void close() {
        keycloak.close();
        postgres.close();
        mail.stop();
        sms.close();
    }
}
