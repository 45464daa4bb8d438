package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP stand-in for the paid SMS gateway (the one third party we cannot run). It speaks the gateway
 * protocol our SmsGatewayClient uses: POST /messages {"to","text","sender"} with a bearer key, answering {"id"}.
 * It can be told to fail the next N requests, to test retries.
 */
public final class SmsCatcher implements AutoCloseable {

    public record Sms(String to, String text, String sender, Instant at) {
    }

    public static final String API_KEY = "demo-sms-key";

    private final HttpServer server;
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final boolean printToConsole;

    private SmsCatcher(int port, boolean printToConsole) throws IOException {
        this.printToConsole = printToConsole;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/messages", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                JsonNode node = json.readTree(body);
                Sms sms = new Sms(node.path("to").asText(), node.path("text").asText(), node.path("sender").asText(), Instant.now());
                received.add(sms);
                if (printToConsole) {
                    System.out.println("[sms] to " + sms.to() + ": " + sms.text());
                }
                byte[] answer = ("{\"id\":\"sms-" + received.size() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    public static SmsCatcher start(int port, boolean printToConsole) throws IOException {
        return new SmsCatcher(port, printToConsole);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Sms> received() {
        return List.copyOf(received);
    }

    public void failNext(int requests) {
        failNext.set(requests);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
