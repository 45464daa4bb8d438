package ru.coalition.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real call (issue 14 §2): a second baresip, the caller, calls the app's SIP line from the member's phone number,
 * keys 1 (orders), the order's number and #, hears its state, keys 2 (cancel) and 1 (confirm); the call log shows the
 * order recognised and the status prompt played, and the order is cancelled as the menu promised.
 */
@QuarkusTest
class VoiceMenuSipTest {

    @Inject
    SipLine line;

    @Inject
    EntityManager em;

    @Test
    void aCallerKeysAnOrderNumberHearsItsStateAndCancelsIt() throws Exception {
        assertNotNull(line.address(), "the app's SIP line runs (baresip-core, espeak-ng and sox installed; see .ci/run)");
        TestMember m = TestMembers.register();
        String token = m.token();
        var placed = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 1))))
                .post("/api/v1/me/orders").then().statusCode(201).extract();
        String orderId = placed.path("orderId");
        String number = placed.path("number");
        String digits = number.replaceAll("\\D", "").replaceFirst("^0+", "");

        Path dir = Files.createDirectories(Path.of("target/voice-menu-caller"));
        String phoneUser = m.phone().replaceAll("\\D", "");
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method\t\tepoll", "sip_listen\t\t127.0.0.1:25080", "net_interface\t\t127.0.0.1", "call_max_calls\t\t1",
                "audio_player\t\tnone,none", "audio_source\t\taufile," + Path.of("target/voice-menu/prompts/silence.wav").toAbsolutePath(),
                "audio_alert\t\tnone,none", "rtp_ports\t\t26100-26199", "statmode_default\toff", "module_path\t\t/usr/lib/baresip/modules",
                "module\t\t\tg711.so", "module\t\t\taufile.so", "module_tmp\t\taccount.so", "module_app\t\tmenu.so", "module_app\t\tctrl_tcp.so",
                "ctrl_tcp_listen\t\t127.0.0.1:24445", ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + phoneUser + "@127.0.0.1:25080>;regint=0\n");
        Process caller = new ProcessBuilder("baresip", "-f", dir.toString()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try (BaresipControl control = BaresipControl.connect("127.0.0.1:24445", Duration.ofSeconds(10), e -> {
            if (e.path("event").asBoolean()) {
                events.add(e);
            }
        }, "test-caller")) {
            control.send("dial", line.address());
            awaitEvent(events, "CALL_ESTABLISHED");
            awaitPath("greeting");
            Thread.sleep(300);
            control.send("sndcode", "1");
            awaitPath("number");
            for (char c : (digits + "#").toCharArray()) {
                Thread.sleep(250);
                control.send("sndcode", String.valueOf(c));
            }
            awaitPath("order:NEW");
            Object[] logged = call();
            assertEquals(number, logged[0], "the call log names the order recognised");
            assertTrue(((String) logged[2]).contains(digits + "#"), "the keys are logged: " + logged[2]);
            Thread.sleep(300);
            control.send("sndcode", "2");
            awaitPath("cancel?");
            Thread.sleep(300);
            control.send("sndcode", "1");
            awaitEvent(events, "CALL_CLOSED");
            control.send("quit", "");
        } finally {
            if (!caller.waitFor(5, TimeUnit.SECONDS)) {
                caller.destroyForcibly();
            }
        }
        given().auth().oauth2(token).get("/api/v1/me/orders/" + orderId).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("CANCELLED"))
                .body("timeline.actorKind", org.hamcrest.Matchers.hasItem("VOICE"));
        await().atMost(Duration.ofSeconds(10)).until(() -> call()[3] != null);
        Object[] logged = call();
        assertEquals("CANCELLED", logged[1]);
        assertTrue(((String) logged[4]).startsWith("greeting > number > order:NEW > cancel? > cancelled"), (String) logged[4]);
    }

    /** The latest SIP call: order number, outcome, digits, end, path. */
    private Object[] call() {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("select order_number, outcome, digits, ended_at, path"
                + " from ivr_call where adapter = 'SIP' order by id desc limit 1").getSingleResult());
    }

    private void awaitPath(String step) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select path from ivr_call where adapter = 'SIP' order by id desc limit 1").getResultList());
            return !rows.isEmpty() && ((String) rows.get(0)).endsWith(step);
        });
    }

    private static void awaitEvent(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode e = events.poll(500, TimeUnit.MILLISECONDS);
            if (e != null && type.equals(e.path("type").asText())) {
                return;
            }
        }
        throw new AssertionError("no " + type + " from the caller's baresip within 30 s");
    }
}
