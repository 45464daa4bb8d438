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
 * JSON bodies reach the resources whether the client speaks HTTP/1.1 or upgrades to HTTP/2 on the first request
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
}
