package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An access token of the test realm for the fault tests' tills and staff, fetched again after four minutes (they live five) or when the app says 401. */
final class KeycloakToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String tokenUrl;
    private final Map<String, String> form;
    private String value;
    private long fetchedAt;

    private KeycloakToken(String realmUrl, Map<String, String> form) {
        this.tokenUrl = realmUrl + "/protocol/openid-connect/token";
        this.form = form;
    }

    static KeycloakToken client(String realmUrl, String id, String secret) {
        return new KeycloakToken(realmUrl, Map.of("grant_type", "client_credentials", "client_id", id, "client_secret", secret));
    }

    static KeycloakToken user(String realmUrl, String username, String password) {
        return new KeycloakToken(realmUrl, Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", username,
                "password", password));
    }

    synchronized String get() throws Exception {
        if (value == null || System.nanoTime() - fetchedAt > TimeUnit.SECONDS.toNanos(240)) {
            JsonNode t = form(tokenUrl, form);
            if (!t.hasNonNull("access_token")) {
                throw new IllegalStateException("no token: " + t);
            }
            value = t.path("access_token").asText();
            fetchedAt = System.nanoTime();
        }
        return value;
    }

    synchronized void invalidate(String old) {
        if (old.equals(value)) {
            value = null;
        }
    }

    static JsonNode form(String url, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
