package ru.coalition.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * baresip's control socket (module ctrl_tcp): JSON in netstrings ("44:{…},") both ways. Commands go out as
 * {"command", "params", "token"}; events ({"event": true, "type": …}) and responses come back on one reader thread and
 * are handed to the listener. baresip keeps one control connection: a second one closes the first.
 */
final class BaresipControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BaresipControl.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final AtomicLong tokens = new AtomicLong();
    private final Thread reader;

    private BaresipControl(Socket socket, Consumer<JsonNode> listener, String name) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        reader = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                while (true) {
                    byte[] message = readNetstring(in);
                    if (message == null) {
                        return;
                    }
                    listener.accept(JSON.readTree(message));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warnf("baresip control connection %s lost: %s", name, e.getMessage());
                }
            }
        });
    }

    /** Connects, trying again while baresip is starting, until the deadline. */
    static BaresipControl connect(String hostPort, Duration within, Consumer<JsonNode> listener, String name)
            throws IOException, InterruptedException {
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        Instant deadline = Instant.now().plus(within);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            Socket s = new Socket();
            try {
                s.connect(address, 1000);
                return new BaresipControl(s, listener, name);
            } catch (IOException e) {
                last = e;
                s.close();
                Thread.sleep(100);
            }
        }
        throw last == null ? new IOException("no connection to " + hostPort) : last;
    }

    /** Sends a command ("accept", "hangup", "ausrc" with "aufile,/x.wav", "dial" with a URI, "sndcode" with keys). */
    synchronized void send(String command, String params) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("command", command, "params", params == null ? "" : params,
                "token", Long.toString(tokens.incrementAndGet())));
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
    }

    private static byte[] readNetstring(InputStream in) throws IOException {
        int length = 0;
        int c;
        boolean any = false;
        while ((c = in.read()) != ':') {
            if (c < 0) {
                return null;
            }
            if (c < '0' || c > '9') {
                throw new IOException("not a netstring length: " + (char) c);
            }
            length = length * 10 + (c - '0');
            any = true;
        }
        if (!any) {
            throw new IOException("empty netstring length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length || in.read() != ',') {
            throw new IOException("truncated netstring");
        }
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
