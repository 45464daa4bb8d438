package ru.coalition.ivr;

import org.jboss.logging.Logger;
import ru.coalition.platform.Hashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the SIP line says, as WAV files baresip can play into a call: espeak-ng speaks the text (Russian or English voice),
 * sox makes it 8 kHz mono 16-bit (what G.711 carries) and pads it with silence, since baresip ends the call when the
 * file it plays runs out. Each text is made once and kept under its hash.
 */
final class Prompts {

    private static final Logger LOG = Logger.getLogger(Prompts.class);
    /** Silence after the words: longer than any wait for a key, so the file never runs out while the caller thinks. */
    static final int PAD_SECONDS = 60;

    /** A prompt's file and how long its words last (the wait for a key starts after them). */
    record Prompt(Path file, long speechMillis) {
    }

    private final Path dir;

    Prompts(Path dir) {
        this.dir = dir;
    }

    Prompt of(String language, String text) throws IOException, InterruptedException {
        String key = Hashes.sha256(language + "\n" + text).substring(0, 32);
        Path wav = dir.resolve(key + ".wav");
        Path raw = dir.resolve(key + ".raw.wav");
        if (!Files.exists(wav)) {
            Path tmpRaw = Files.createTempFile(dir, key, ".espeak.wav");
            run(List.of("espeak-ng", "-v", "en".equals(language) ? "en" : "ru", "-s", "150", "-w", tmpRaw.toString(), text));
            Path tmpWav = Files.createTempFile(dir, key, ".sox.wav");
            run(List.of("sox", tmpRaw.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", tmpWav.toString(),
                    "pad", "0", Integer.toString(PAD_SECONDS)));
            Files.move(tmpRaw, raw, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpWav, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        // espeak-ng writes 22 050 Hz mono 16-bit: the words' length from the unpadded file's size
        long millis = Files.exists(raw) ? Math.max(0, Files.size(raw) - 44) * 1000 / (22050 * 2) : 3000;
        return new Prompt(wav, millis);
    }

    /** A file of silence, played between calls (the line's source must never run out). */
    Path silence() throws IOException, InterruptedException {
        Path wav = dir.resolve("silence.wav");
        if (!Files.exists(wav)) {
            Path tmp = Files.createTempFile(dir, "silence", ".wav");
            run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", tmp.toString(), "trim", "0", "600"));
            Files.move(tmp, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return wav;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " failed: " + out);
        }
        if (!out.isBlank()) {
            LOG.debugf("%s: %s", command.get(0), out.strip());
        }
    }
}
