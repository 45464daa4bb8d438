package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole system on this machine: {@code ./mvnw -Pdemo}. Starts PostgreSQL (data kept in .demo-data/), Keycloak,
 * GreenMail with an inbox page, the SMS stub, then the packaged app against them, and the demo member. Ctrl-C
 * stops everything. {@code -Dreset} wipes the data first.
 */
public final class DemoLauncher {

    static final int APP_PORT = 8080;
    /** Health and metrics: the prod profile serves them on the management interface only. */
    static final int MANAGEMENT_PORT = 9000;
    static final int KEYCLOAK_PORT = 8180;
    static final int POSTGRES_PORT = 15432;
    static final int SMTP_PORT = 2525;
    static final int INBOX_PORT = 8025;
    static final int SMS_PORT = 8026;
    static final String DEMO_MEMBER_LOGIN = "79101234567";
    static final String DEMO_PASSWORD = "demo1234";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path project = DevStack.projectDir();
        Path data = Path.of(System.getProperty("coalition.data", project.resolve(".demo-data").toString()));
        if (System.getProperty("reset") != null) {
            System.out.println("[demo] -Dreset: deleting " + data);
            Processes.deleteTree(data);
        }
        boolean freshData = !Files.exists(data.resolve("postgres"));
        String appUrl = "http://localhost:" + APP_PORT;
        System.out.println("[demo] starting PostgreSQL, Keycloak, mail catcher and SMS stub (first start takes a minute)...");
        DevStack stack = new DevStack(new DevStack.Options(data, true, appUrl, POSTGRES_PORT, KEYCLOAK_PORT, SMTP_PORT, SMS_PORT, true));
        AtomicReference<Process> app = new AtomicReference<>();
        AtomicReference<DevInbox> inbox = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        // registered before anything starts: Ctrl-C at any moment stops what is already running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("[demo] stopping...");
            Processes.stopTree(app.get());
            if (inbox.get() != null) {
                inbox.get().close();
            }
            stack.close();
        }, "demo-stop"));
        stack.start();
        inbox.set(new DevInbox(INBOX_PORT, stack.mail, stack.sms));
        Path tenants = DemoTenants.prepare(project, data, freshData);
        app.set(startApp(project, stack, appUrl, APP_PORT, MANAGEMENT_PORT, Map.of(
                // the demo registers its members from this one address, above the per-address limit meant for the public
                "COALITION_REGISTRATION_LIMIT", "500",
                // smol-neft's points lapse in the demo (DemoTenants); the job looks every minute, not every hour, so the
                // demo member's 14-day notice is in the mail catcher right after the start
                "TENANTS_DIR", tenants.toString(),
                "COALITION_JOBS_EXPIRY_EVERY", "1m",
                // the newsletter's next issue (Tuesday or Friday) is always within 4 days: the demo shows one to approve
                "COALITION_MAILINGS_NEWSLETTER_DRAFT_AHEAD", "P4D",
                // the voice menu's SIP line answers on 127.0.0.1:5070 (needs baresip-core, espeak-ng and sox; docs/ivr.md)
                "IVR_SIP_ENABLED", "true",
                "COALITION_IVR_SIP_WORK_DIR", data.resolve("voice-menu").toString(),
                // a partner's webhooks may go to a receiver on this machine (http, loopback); production refuses both
                "COALITION_WEBHOOKS_REQUIRE_HTTPS", "false",
                "COALITION_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true")));
        awaitReady(MANAGEMENT_PORT, app.get());
        if (ensureDemoMember(appUrl, stack)) {
            DemoData.seed(appUrl, stack.keycloak.baseUrl(), Long.getLong("demo.seed", 2026L));
            DemoCatalog.seed(appUrl, stack.keycloak.baseUrl(), DEMO_MEMBER_LOGIN, DEMO_PASSWORD);
            DemoScratchCards.seed(appUrl, stack.keycloak.baseUrl(), data);
            DemoExpiry.seed(appUrl, stack.keycloak.baseUrl(), DEMO_MEMBER_LOGIN, DEMO_PASSWORD);
            DemoSupport.seed(appUrl, stack.keycloak.baseUrl(), DEMO_MEMBER_LOGIN, DEMO_PASSWORD);
            DemoMailings.seed(appUrl, stack.keycloak.baseUrl(), DEMO_MEMBER_LOGIN, DEMO_PASSWORD);
            DemoOrders.seed(appUrl, stack.keycloak.baseUrl(), DEMO_MEMBER_LOGIN, DEMO_PASSWORD);
        }
        printBanner(appUrl, stack);
        int exit = app.get().waitFor();
        if (!stopping.get()) {
            System.out.println("[demo] the app exited with " + exit + "; see the log above");
            System.exit(1);
        }
    }

    /** Starts the packaged app (prod profile) against the stack, with extra environment on top. */
    static Process startApp(Path project, DevStack stack, String appUrl, int port, int managementPort,
                            Map<String, String> extraEnv) throws IOException {
        return startApp(project, stack, appUrl, port, managementPort, extraEnv, null);
    }

    /** As above; with a log file the app's output goes there (appended) instead of this console. */
    static Process startApp(Path project, DevStack stack, String appUrl, int port, int managementPort,
                            Map<String, String> extraEnv, Path log) throws IOException {
        Path jar = Path.of(System.getProperty("devstack.app.jar", project.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.exists(jar)) {
            throw new IOException("No packaged app at " + jar + ": run ./mvnw -Pdemo (it packages first)");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).directory(project.toFile()).inheritIO();
        if (log != null) {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Map<String, String> env = pb.environment();
        env.putAll(stack.environment());
        env.put("PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("PUBLIC_URL", appUrl);
        env.put("TENANTS_DIR", project.resolve("tenants").toString());
        env.put("LOG_JSON", "false");
        env.put("OIDC_STATE_SECRET", "demo-state-secret-0123456789abcdef0123");
        env.putAll(extraEnv);
        return pb.start();
    }

    /** Waits for the readiness probe on the app's management port. */
    static void awaitReady(int managementPort, Process app) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && app.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The app did not become ready; see its log above");
    }

    /**
     * Registers the demo member through the real API once, then gives it a known permanent password; true on the first
     * start of a data directory (when the rest of the demo data is seeded too).
     */
    private static boolean ensureDemoMember(String appUrl, DevStack stack) throws Exception {
        String questionnaire = """
                {"lastName":"Иванова","firstName":"Мария","phone":"+79101234567","email":"maria@example.org",
                 "birthDate":"1990-05-17","gender":"female","city":"Смоленск","socialStatus":"employed",
                 "incomeBracket":"50-100k","preferredChannel":"email",
                 "consents":{"personalData":true,"marketingEmail":true,"marketingSms":false}}""";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/members"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(questionnaire)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            return false; // registered on an earlier run
        }
        String admin = form(stack.keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", EmbeddedKeycloak.ADMIN_USER,
                        "password", EmbeddedKeycloak.ADMIN_PASSWORD)).path("access_token").asText();
        String users = stack.keycloak.baseUrl() + "/admin/realms/coalition/users";
        JsonNode found = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username=" + DEMO_MEMBER_LOGIN))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
        HTTP.send(HttpRequest.newBuilder(URI.create(users + "/" + found.get(0).path("id").asText() + "/reset-password"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"password\",\"value\":\"" + DEMO_PASSWORD + "\",\"temporary\":false}")).build(),
                HttpResponse.BodyHandlers.discarding());
        return true;
    }

    private static JsonNode form(String url, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void printBanner(String appUrl, DevStack stack) {
        System.out.printf("""

                ================================ Coalition is running ================================
                 Site            %1$s/
                 Member cabinet  %1$s/cabinet        (register: %1$s/cabinet/register)
                 Partner portal  %1$s/portal
                 Operator        %1$s/operator
                 API docs        %1$s/q/swagger-ui   health http://localhost:%8$d/q/health   metrics http://localhost:%8$d/q/metrics
                 Mail and SMS    http://localhost:%2$d/  (mail catcher; SMTP on port %3$d)
                 Support mailbox %9$s on SMTP port %3$d; the desk reads it over IMAP (port %10$d) every minute
                 Voice menu      sip:kit-media@127.0.0.1:5070 from any softphone on this machine; call as
                                 sip:79101234567@… to be the demo member (docs/ivr.md)
                 Keycloak        %4$s/admin/  (admin / admin)
                 PostgreSQL      jdbc:postgresql://127.0.0.1:%5$d/coalition  (postgres / postgres)

                 Logins (password %6$s for all):
                   member               %7$s (or maria@example.org)
                   operator admin       operator
                   support agent        support
                   support supervisor   supervisor
                   mailing manager      mailer
                   partner admin        kit-media-admin, smol-neft-admin, avto-drive-admin
                   cashier              kit-media-cashier, smol-neft-cashier, avto-drive-cashier
                 Till API clients: <slug>-pos with secret <slug>-pos-secret (client credentials)
                 Data is kept in .demo-data/ ; ./mvnw -Pdemo -Dreset starts from scratch. Ctrl-C stops everything.
                ======================================================================================
                """, appUrl, INBOX_PORT, SMTP_PORT, stack.keycloak.baseUrl(), POSTGRES_PORT, DEMO_PASSWORD, DEMO_MEMBER_LOGIN,
                MANAGEMENT_PORT, DevStack.SUPPORT_MAILBOX, stack.imapPort);
    }
}
