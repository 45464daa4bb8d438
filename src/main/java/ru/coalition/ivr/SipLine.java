package ru.coalition.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SIP line of the voice menu (issue 14 §2): a baresip process the app starts, answers and drives over its control
 * socket. It takes one call at a time (enough for the demo and the tests; a partner's real line is a PBX or a cloud
 * provider, docs/ivr.md). Every event and timer runs on one thread, in order: the call's keys are collected as the
 * menu asks (one key, or digits up to #) and handed to {@link VoiceMenu}; what it answers is spoken by espeak-ng and
 * played into the call.
 */
@ApplicationScoped
public class SipLine {

    private static final Logger LOG = Logger.getLogger(SipLine.class);
    static final String ADAPTER = "SIP";

    @Inject
    IvrConfig config;

    @Inject
    VoiceMenu menu;

    @Inject
    PartnerService partners;

    private final ScheduledExecutorService line = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voice-menu-sip");
        t.setDaemon(true);
        return t;
    });

    private Process baresip;
    private BaresipControl control;
    private Prompts prompts;
    private Path silence;

    /** The call being served (only touched on the line's thread). */
    private String callId;
    private String caller;
    private VoiceMenu.Gather gather;
    private final StringBuilder keys = new StringBuilder();
    private ScheduledFuture<?> timer;

    void start(@Observes StartupEvent started) {
        if (!config.sip().enabled()) {
            return;
        }
        try {
            Path dir = config.sip().workDir().map(Path::of).orElse(null);
            dir = dir == null ? Files.createTempDirectory("coalition-voice-menu") : Files.createDirectories(dir);
            Path promptDir = Files.createDirectories(dir.resolve("prompts"));
            prompts = new Prompts(promptDir);
            silence = prompts.silence();
            if (!free(config.sip().control())) {
                LOG.errorf("Voice menu SIP line off: %s (its control port) is taken, maybe by a baresip left running", config.sip().control());
                return;
            }
            writeConfig(dir);
            baresip = new ProcessBuilder(config.sip().binary(), "-f", dir.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("baresip.log").toFile())).start();
            Process process = baresip;
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            control = BaresipControl.connect(config.sip().control(), Duration.ofSeconds(10), event -> line.execute(() -> on(event)), "baresip-control");
            LOG.infof("Voice menu: call sip:%s@%s from any softphone (baresip log: %s)", config.sip().partner(), config.sip().listen(),
                    dir.resolve("baresip.log"));
        } catch (IOException e) {
            LOG.warnf("Voice menu SIP line off: %s (are baresip-core, espeak-ng and sox installed?)", e.getMessage());
            stopProcess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (control != null) {
            try {
                control.send("quit", "");
            } catch (IOException e) {
                // it is going anyway
            }
        }
        stopProcess();
        line.shutdownNow();
    }

    /** The address to call, or null while the line is off. */
    public String address() {
        return baresip != null && baresip.isAlive() ? "sip:" + config.sip().partner() + "@" + config.sip().listen() : null;
    }

    // ---- events, on the line's thread ----

    private void on(JsonNode event) {
        if (!event.path("event").asBoolean()) {
            String data = event.path("data").asText("");
            if (data.contains("failed")) {
                LOG.warnf("baresip refused a command: %s", data.strip());
            }
            return;
        }
        String type = event.path("type").asText();
        String id = event.path("id").asText(null);
        try {
            switch (type) {
                case "CALL_INCOMING" -> {
                    if (callId == null) {
                        callId = id;
                        caller = event.path("peeruri").asText(null);
                        control.send("accept", "");
                    }
                }
                case "CALL_ESTABLISHED" -> {
                    if (id != null && id.equals(callId)) {
                        Partner partner = partners.cachedBySlug(config.sip().partner()).orElseThrow();
                        play(menu.start(partner, ADAPTER, callId, caller));
                    }
                }
                case "CALL_DTMF_START" -> {
                    if (id != null && id.equals(callId) && gather != null) {
                        key(event.path("param").asText(""));
                    }
                }
                case "CALL_CLOSED" -> {
                    if (id != null && id.equals(callId)) {
                        cancelTimer();
                        menu.ended(ADAPTER, callId);
                        callId = null;
                        gather = null;
                        keys.setLength(0);
                        control.send("ausrc", "aufile," + silence);
                    }
                }
                default -> {
                    // ringing, SDP, RTCP statistics: nothing to do
                }
            }
        } catch (Exception e) {
            LOG.errorf(e, "voice menu: the call %s failed at %s; hanging up", callId, type);
            hangUp();
        }
    }

    private void key(String key) {
        if (key.isEmpty()) {
            return;
        }
        if (gather.untilHash()) {
            if (key.equals("#")) {
                deliver(keys + "#");
                return;
            }
            keys.append(key);
            if (keys.length() >= gather.maxDigits()) {
                deliver(keys.toString());
            } else {
                arm(gather.timeoutSeconds() * 1000L);
            }
        } else {
            deliver(key);
        }
    }

    private void deliver(String keyed) {
        cancelTimer();
        keys.setLength(0);
        String id = callId;
        if (id == null) {
            return;
        }
        try {
            play(menu.input(ADAPTER, id, keyed));
        } catch (Exception e) {
            LOG.errorf(e, "voice menu: the call %s failed on input %s; hanging up", id, keyed);
            hangUp();
        }
    }

    private void play(VoiceMenu.Turn turn) throws IOException, InterruptedException {
        Prompts.Prompt prompt = prompts.of(turn.language(), turn.text());
        control.send("ausrc", "aufile," + prompt.file());
        gather = turn.gather();
        if (turn.hangsUp()) {
            gather = null;
            cancelTimer();
            timer = line.schedule(this::hangUp, prompt.speechMillis() + 700, TimeUnit.MILLISECONDS);
        } else {
            arm(prompt.speechMillis() + gather.timeoutSeconds() * 1000L);
        }
    }

    /** Nothing (more) keyed in time: what was keyed so far goes to the menu, which takes "" as no answer. */
    private void arm(long millis) {
        cancelTimer();
        timer = line.schedule(() -> deliver(keys.toString()), millis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void hangUp() {
        try {
            if (control != null && callId != null) {
                control.send("hangup", "");
            }
        } catch (IOException e) {
            LOG.warnf("baresip hangup failed: %s", e.getMessage());
        }
    }

    // ---- the process ----

    private void writeConfig(Path dir) throws IOException {
        String listen = config.sip().listen();
        String host = listen.substring(0, listen.lastIndexOf(':'));
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method\t\tepoll",
                "sip_listen\t\t" + listen,
                "net_interface\t\t" + host,
                "call_local_timeout\t120",
                "call_max_calls\t\t1",
                "audio_player\t\tnone,none",
                "audio_source\t\taufile," + silence,
                "audio_alert\t\tnone,none",
                "rtp_ports\t\t" + config.sip().rtpPorts(),
                "statmode_default\toff",
                "module_path\t\t/usr/lib/baresip/modules",
                "module\t\t\tg711.so",
                "module\t\t\taufile.so",
                "module_tmp\t\taccount.so",
                "module_app\t\tmenu.so",
                "module_app\t\tctrl_tcp.so",
                "ctrl_tcp_listen\t\t" + config.sip().control(), ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + config.sip().partner() + "@" + listen + ">;regint=0\n");
    }

    private static boolean free(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopProcess() {
        if (baresip != null) {
            try {
                if (!baresip.waitFor(2, TimeUnit.SECONDS)) {
                    baresip.destroy();
                    if (!baresip.waitFor(3, TimeUnit.SECONDS)) {
                        baresip.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                baresip.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (control != null) {
            try {
                control.close();
            } catch (IOException e) {
                // closed
            }
        }
    }
}
