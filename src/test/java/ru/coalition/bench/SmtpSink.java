package ru.coalition.bench;

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
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // discarded
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
