package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoadGenerator gen;

    @AfterEach
    void stop() {
        if (gen != null) {
            gen.close();
        }
    }

    private LoadGenerator start(LoadGenConfig.Builder config) {
        gen = LoadGenerator.start(config.host("127.0.0.1").port(0).controlPort(0).build());
        return gen;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gen.controlUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void statusShowsClientsProgressAndLag() throws Exception {
        start(LoadGenConfig.builder().script(Script.parse("quick", "0 a b\n0.1 c\n")));
        try (TestClient client = TestClient.keepingLines(gen.port())) {
            assertThat(client.awaitLines(2, 10_000)).isTrue();
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(10))).isTrue();
            HttpResponse<String> response = send("GET", "/status");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode status = json(response);
            assertThat(status.get("clientsConnected").asInt()).isEqualTo(1);
            assertThat(status.get("rateLinesPerSec").isNull()).isTrue(); // a script has no rate
            JsonNode one = status.get("clients").get(0);
            assertThat(one.get("linesSent").asLong()).isEqualTo(2);
            assertThat(one.get("wordsSent").asLong()).isEqualTo(3);
            assertThat(one.get("lineIndexReached").asLong()).isEqualTo(2);
            assertThat(one.get("streamDone").asBoolean()).isTrue();
            assertThat(one.has("lagP50Ms")).isTrue();
            assertThat(one.has("lagP99Ms")).isTrue();
            assertThat(one.get("lagMaxMs").asDouble()).isGreaterThan(0);
        }
    }

    @Test
    void ledgerWithAndWithoutCounts() throws Exception {
        start(LoadGenConfig.builder().script(Script.chapter()));
        HttpResponse<String> full = send("GET", "/ledger");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(LedgerSnapshot.fromJson(full.body()).totalLines()).isZero();
        try (TestClient client = TestClient.keepingLines(gen.port())) {
            assertThat(gen.awaitClients(1, Duration.ofSeconds(5))).isTrue();
            assertThat(client.awaitLines(1, 5_000)).isTrue();
            LedgerSnapshot ledger = LedgerSnapshot.fromJson(send("GET", "/ledger").body());
            assertThat(ledger.counts()).containsEntry("blue", 5L).containsEntry("green", 3L);
            assertThat(ledger.clients()).singleElement().satisfies(c -> assertThat(c.totalWords()).isEqualTo(8));
            JsonNode slim = json(send("GET", "/ledger?counts=false"));
            assertThat(slim.get("totalWords").asLong()).isEqualTo(8);
            assertThat(slim.get("distinctKeys").asLong()).isEqualTo(2);
            assertThat(slim.has("counts")).isFalse();
            assertThat(slim.get("clients").get(0).has("counts")).isFalse();
            assertThat(slim.get("clients").get(0).get("totalLines").asLong()).isEqualTo(1);
        }
    }

    @Test
    void postRateChangesTheRate() throws Exception {
        start(LoadGenConfig.builder().rateLinesPerSec(1));
        try (TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(client.awaitLines(1, 5_000)).isTrue();
            HttpResponse<String> response = send("POST", "/rate?linesPerSec=2000");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("rateLinesPerSec").asDouble()).isEqualTo(2000);
            assertThat(client.awaitLines(400, 5_000)).isTrue(); // at 1 line/s this would take minutes
            assertThat(json(send("GET", "/status")).get("rateLinesPerSec").asDouble()).isEqualTo(2000);
        }
    }

    @Test
    void badRequestsGetJsonErrors() throws Exception {
        start(LoadGenConfig.builder());
        assertError(send("GET", "/nope"), 404, "no such endpoint /nope");
        assertError(send("POST", "/status"), 405, "method POST not allowed on /status");
        assertError(send("GET", "/rate?linesPerSec=5"), 405, "use POST");
        assertError(send("POST", "/rate?linesPerSec=abc"), 400, "linesPerSec 'abc' is not a number");
        assertError(send("POST", "/rate?linesPerSec=-3"), 400, "must be a positive number");
        assertError(send("POST", "/rate?linesPerSec=NaN"), 400, "must be a positive number");
        assertError(send("POST", "/rate"), 400, "missing query parameter linesPerSec");
        String raw = rawRequest("POST /rate?linesPerSec=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400"); // the JDK's server refuses the bad escape itself
        assertError(send("POST", "/rate?linesPerSec=%41bc"), 400, "linesPerSec 'Abc' is not a number");
        assertError(send("POST", "/rate?linesPerSec=1e999"), 400, "must be a positive number");
        assertThat(gen.rateLinesPerSec()).isEqualTo(10);
    }

    @Test
    void aScriptsRateCannotChange() throws Exception {
        start(LoadGenConfig.builder().script(Script.chapter()));
        assertError(send("POST", "/rate?linesPerSec=5"), 409, "cannot change");
    }

    @Test
    void garbageOnThePortsDoesNotKillTheServer() throws Exception {
        start(LoadGenConfig.builder().rateLinesPerSec(100));
        Random random = new Random(3);
        for (int port : new int[] {gen.controlPort(), gen.port()}) {
            for (int i = 0; i < 5; i++) {
                byte[] garbage = new byte[2000];
                random.nextBytes(garbage);
                try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
                    out.write(garbage);
                    out.write("\r\n\r\n".getBytes());
                    out.flush();
                } catch (java.io.IOException e) {
                    // the server may hang up on us: fine
                }
            }
        }
        try (Socket socket = new Socket("127.0.0.1", gen.controlPort()); OutputStream out = socket.getOutputStream()) {
            out.write("GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".getBytes());
        } catch (java.io.IOException e) {
            // fine
        }
        assertThat(send("GET", "/status").statusCode()).isEqualTo(200);
        try (TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(client.awaitLines(3, 5_000)).isTrue();
        }
    }

    /** Sends a request as raw bytes (for requests a proper client refuses to make) and reads the answer. */
    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gen.controlPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void assertError(HttpResponse<String> response, int code, String messagePart) throws Exception {
        assertThat(response.statusCode()).isEqualTo(code);
        assertThat(json(response).get("error").asText()).contains(messagePart);
    }
}
