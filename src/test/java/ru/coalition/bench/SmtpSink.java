package ru.coalition.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server for the mail benchmark: it answers every command as a real server would (EHLO with PIPELINING,
 * MAIL, RCPT, DATA up to the lone dot, RSET, NOOP, QUIT), counts accepted messages and throws them away. Nothing is
 * parsed or stored, so the figure is the sender's rate, not a mail server's.
 */
public final class SmtpSink implements AutoCloseable {

    public final AtomicLong accepted = new AtomicLong();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    threads.submit(() -> session(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    private void session(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1), 65536);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096)) {
            // Without this the sink, not the sender, set the pace: a second small reply waited (Nagle) for the ACK of
            // the first, which the client delays by up to 40 ms -- 22 mails/s per connection whatever the sender did.
            socket.setTcpNoDelay(true);
            reply(out, "220 sink ESMTP");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        out.flush();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // discarded
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        out.flush();
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
                // pipelined commands are answered in one write, as RFC 2920 asks of a server
                if (!in.ready()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
