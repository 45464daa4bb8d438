package ru.coalition.platform;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests as HTTP clients really send them. JSON bodies reach the resources whether the client speaks HTTP/1.1 or upgrades to HTTP/2 on the first request
 * (the JDK's client does: its body is read by the upgrade, before our buffering filter runs).
 */
@QuarkusTest
class JsonBodyBufferTest {

    @TestHTTPResource("/api/v1/purchase-batches")
    URI batches;

    @Test
    void aJsonBodyArrivesOverHttp11AndOverAnHttp2Upgrade() throws Exception {
        String till = Tokens.till("kit-media");
        for (HttpClient.Version version : HttpClient.Version.values()) {
            // a fresh client per version: the upgrade happens on a new connection's first request
            HttpClient client = HttpClient.newBuilder().version(version).build();
            HttpResponse<String> res = client.send(HttpRequest.newBuilder(batches).header("Authorization", "Bearer " + till)
                    .header("Content-Type", "application/json").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"purchases\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            // the body was read: an empty batch is refused for its size, not for a missing body
            assertEquals(422, res.statusCode(), version + ": " + res.body());
            assertTrue(res.body().contains("purchase.batch-size"), version + ": " + res.body());
        }
    }

    @Test
    void aBearerHeaderWithoutATokenIsUnauthorizedNotAFailure() throws Exception {
        // over HTTP/2 the header arrives as sent, trailing space and all (HTTP/1.1 parsers trim it to a bare "Bearer");
        // the JDK's client trims it too, so Vert.x's client speaks HTTP/2 directly here
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            var answer = client.request(io.vertx.core.http.HttpMethod.POST, batches.getPort(), batches.getHost(), batches.getPath())
                    .compose(req -> req.putHeader("Authorization", "Bearer ").putHeader("Content-Type", "application/json")
                            .send("{\"purchases\":[]}"))
                    .compose(res -> res.body().map(body -> res.statusCode() + " " + body))
                    .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(answer.startsWith("401 ") && answer.contains("\"code\":\"unauthorized\""), answer);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
