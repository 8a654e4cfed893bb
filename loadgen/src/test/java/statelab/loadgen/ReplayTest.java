package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay protocol on the stream port: ranges served again and again, each line counted once. */
class ReplayTest {

    private static LoadGenConfig.Builder base() {
        return LoadGenConfig.builder().host("127.0.0.1").port(0).controlPort(0);
    }

    private static Map<String, Long> countsOf(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String word : line.split(" ")) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void rangesComeBackIdenticalAndTheLedgerCountsEachLineOnce() throws Exception {
        LoadGenConfig config = base().rateLinesPerSec(100_000).wordsPerLine(10).keys(2_000).seed(3).build();
        LineGenerator expected = new LineGenerator(config);
        try (LoadGenerator gen = LoadGenerator.start(config);
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            assertThat(gen.awaitClients(1, Duration.ofSeconds(5))).isTrue();
            long deadline = System.currentTimeMillis() + 10_000;
            while (client.due().lines() < 150_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(client.due().ended()).isFalse();
            List<String> first = client.fetchText(0, 100);
            assertThat(first).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(first.get(i)).isEqualTo(expected.line(i));
            }
            assertThat(client.fetchText(0, 100)).isEqualTo(first);          // served again
            List<String> overlap = client.fetchText(50, 150);                // half again, half new
            assertThat(overlap.get(0)).isEqualTo(expected.line(50));
            // A big range goes out in several requests of the client and several writes of the server.
            List<String> big = client.fetchText(150, 150_000);
            assertThat(big).hasSize(149_850);
            assertThat(big.get(149_849)).isEqualTo(expected.line(149_999));
            client.due(); // answers come in order: the last fetch is in the ledger once this is answered

            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.totalLines()).isEqualTo(150_000);
            assertThat(ledger.totalWords()).isEqualTo(1_500_000);
            List<String> all = new java.util.ArrayList<>(first);
            all.addAll(overlap.subList(50, 100));
            all.addAll(big);
            assertThat(ledger.counts()).isEqualTo(countsOf(all));
            assertThat(ledger.clients()).singleElement().satisfies(c -> assertThat(c.remote()).isEqualTo("replay"));
            Status status = gen.status();
            assertThat(status.replay().linesServedAgain()).isEqualTo(150);
            assertThat(status.clientsTotal()).isZero(); // no plain client
            Status.ClientStatus stream = status.clients().get(0);
            assertThat(stream.lineIndexReached()).isEqualTo(150_000);
            assertThat(stream.linesDue()).isGreaterThanOrEqualTo(150_000);
        }
    }

    @Test
    void theClockRunsWhileNobodyFetchesAndTheLagIsReported() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(1_000).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            long before = client.due().lines();
            Thread.sleep(1_500);
            long after = client.due().lines();
            assertThat(after - before).isBetween(1_000L, 3_000L);
            client.fetchText(0, 100);
            client.due();
            Status.ClientStatus stream = gen.status().clients().get(0);
            assertThat(stream.lineIndexReached()).isEqualTo(100);
            assertThat(stream.linesDue() - stream.lineIndexReached()).isGreaterThan(1_000);
            assertThat(stream.currentLagMs()).isGreaterThan(1_000);
            assertThat(gen.status().summaryLine()).contains("replay: 100 of");
        }
    }

    @Test
    void aScriptIsDueOnItsScheduleAndAFinishedStreamIsDone() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().script(Script.chapter()).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            assertThat(client.due()).isEqualTo(new ReplayClient.Due(0, false));
            assertThat(gen.awaitStreamsDone(Duration.ofMillis(100))).isFalse();
            Thread.sleep(4_300);
            assertThat(client.due()).isEqualTo(new ReplayClient.Due(3, true));
            assertThat(client.fetchText(0, 3)).containsExactly("blue blue blue blue blue green green green",
                    "gohawks", "green green");
            client.due();
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(1))).isTrue();
            assertThat(gen.ledger().counts()).containsExactly(Map.entry("blue", 5L), Map.entry("green", 5L),
                    Map.entry("gohawks", 1L));
        }
    }

    @Test
    void aLinesDueTimeIsItsPlaceOnTheScheduleWhateverARateChangeDoesLater() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(1_000).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            client.due(); // shakes hands: the schedule starts
            assertThat(gen.awaitClients(1, Duration.ofSeconds(5))).isTrue();
            long line0Ms = gen.dueEpochMs(0);
            long startMs = gen.ledger(false).clients().get(0).connectedAtEpochMs();
            assertThat(line0Ms - startMs).isBetween(-5L, 100L); // the clock starts at the handshake
            // 1,000 lines a second: line 500 half a second after line 0, line 2,000 two seconds after (+-1 ms of
            // clock conversion).
            assertThat(gen.dueEpochMs(500) - line0Ms).isBetween(499L, 501L);
            assertThat(gen.dueEpochMs(2_000) - line0Ms).isBetween(1_999L, 2_001L);

            Thread.sleep(300);
            gen.setRateLinesPerSec(10_000);
            long lineNow = client.due().lines();
            // Lines already due keep their times; later ones follow the new rate.
            assertThat(gen.dueEpochMs(200) - line0Ms).isBetween(199L, 201L);
            long after = lineNow + 5_000;
            long spanMs = gen.dueEpochMs(after + 10_000) - gen.dueEpochMs(after);
            assertThat(spanMs).isBetween(999L, 1_001L);
        }
    }

    @Test
    void aTimeAsksForTheLinesDueByThenWhenever() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().script(Script.chapter()).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            long startMs = gen.ledger(false).clients().get(0).connectedAtEpochMs();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!client.due().ended() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            // Seconds 1, 2 and 4 of the script, asked for long after they became due: the answer depends on the
            // time asked about, not on when the question comes.
            assertThat(client.dueBy(startMs + 500)).isEqualTo(new ReplayClient.Due(0, false));
            assertThat(client.dueBy(startMs + 1_500)).isEqualTo(new ReplayClient.Due(1, false));
            assertThat(client.dueBy(startMs + 3_500)).isEqualTo(new ReplayClient.Due(2, false));
            assertThat(client.dueBy(startMs + 4_500)).isEqualTo(new ReplayClient.Due(3, true));
            assertThat(client.dueBy(System.currentTimeMillis() + 60_000)).isEqualTo(new ReplayClient.Due(3, true));
            assertThat(client.dueBy(0)).isEqualTo(new ReplayClient.Due(0, false));
        }
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(1_000).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            // A time still to come: only what is due now.
            long now = client.due().lines();
            assertThat(client.dueBy(System.currentTimeMillis() + 3_600_000).lines()).isBetween(now, now + 1_000);
        }
    }

    @Test
    void anEndedStreamEndsWithItsFinalSweep() throws Exception {
        LoadGenConfig config = base().rateLinesPerSec(2_000).wordsPerLine(10).keys(95).fill(true)
                .duration(Duration.ofHours(1)).finalSweep(true).build();
        try (LoadGenerator gen = LoadGenerator.start(config);
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
            Thread.sleep(300);
            gen.endStreams();
            ReplayClient.Due due = client.due();
            assertThat(due.ended()).isTrue();
            List<String> lines = client.fetchText(0, due.lines());
            // The last 10 lines are the sweep: keys 0..94, ten per line, the last line five.
            List<String> sweep = lines.subList(lines.size() - 10, lines.size());
            assertThat(sweep.get(0)).isEqualTo("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
            assertThat(sweep.get(9).split(" ")).hasSize(5);
            assertThat(client.due()).isEqualTo(due); // nothing more becomes due (and the fetch is counted)
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(1))).isTrue();
            assertThat(gen.ledger().counts()).isEqualTo(countsOf(lines));
        }
    }

    @Test
    void badRequestsGetClearErrorsAndTheServerKeepsServing() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(1_000).build());
             ReplayClient client = ReplayClient.connect("127.0.0.1", gen.port(), 5_000);
             TestClient plain = TestClient.countingWords(gen.port())) {
            assertThat(client.rawRequest("HELLO?")).isEqualTo(
                    "ERROR unknown request 'HELLO?' (expected DUE [AT_EPOCH_MS] or FETCH FROM TO)");
            assertThat(client.rawRequest("FETCH 1")).isEqualTo("ERROR FETCH needs two line numbers: FETCH FROM TO");
            assertThat(client.rawRequest("FETCH -1 5")).isEqualTo("ERROR line number -1 is negative");
            assertThat(client.rawRequest("FETCH x 5")).isEqualTo("ERROR 'x' is not a line number");
            assertThat(client.rawRequest("FETCH 9 5")).isEqualTo("ERROR FETCH 9 5: TO is before FROM");
            assertThat(client.rawRequest("FETCH 0 2000001")).isEqualTo(
                    "ERROR FETCH 0 2000001 asks for 2000001 lines; at most 1000000 per request");
            assertThat(client.rawRequest("FETCH 0 999999")).startsWith("ERROR lines 0..999999 are not all due: ");
            assertThatThrownBy(() -> client.fetchText(0, 999_999_999L)).isInstanceOf(ReplayException.class)
                    .hasMessageContaining("refused: lines 0..100000 are not all due");
            assertThat(client.rawRequest("DUE now")).isEqualTo("ERROR 'now' is not a time (epoch milliseconds)");
            assertThat(client.rawRequest("DUE 1 2")).isEqualTo(
                    "ERROR DUE takes at most one argument: DUE [AT_EPOCH_MS]");
            assertThat(client.due().lines()).isPositive(); // the same connection still works
            assertThat(client.fetchText(0, 2)).hasSize(2);

            // An oversized request: an error, then the connection is closed; the server goes on.
            try (Socket raw = new Socket("127.0.0.1", gen.port())) {
                OutputStream out = raw.getOutputStream();
                out.write((ReplayProtocol.HANDSHAKE + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(("FETCH " + "9".repeat(400) + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("OK " + ReplayProtocol.HANDSHAKE);
                assertThat(in.readLine()).isEqualTo("ERROR request longer than 256 bytes; closing the connection");
                assertThat(in.readLine()).isNull();
            }
            // Another version of the protocol is refused, not served the plain stream.
            try (Socket raw = new Socket("127.0.0.1", gen.port())) {
                raw.getOutputStream().write("STATELAB-REPLAY/9\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo(
                        "ERROR unsupported protocol 'STATELAB-REPLAY/9'; this load generator speaks STATELAB-REPLAY/1");
                assertThat(in.readLine()).isNull();
            }
            // Garbage before any handshake is a plain client: it gets the stream like nc would.
            try (Socket raw = new Socket("127.0.0.1", gen.port())) {
                raw.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(raw.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("w");
            }
            try (ReplayClient second = ReplayClient.connect("127.0.0.1", gen.port(), 5_000)) {
                assertThat(second.streamId()).isEqualTo(client.streamId());
                assertThat(second.fetchText(2, 3)).hasSize(1);
                second.due();
            }
            assertThat(plain.awaitLines(100, 5_000)).isTrue();
            assertThat(client.fetchText(3, 4)).hasSize(1);
            client.due();
            Status.ReplayStatus replay = gen.status().replay();
            assertThat(replay.badRequests()).isEqualTo(11);
            assertThat(gen.ledger().clients().stream().filter(c -> c.remote().equals("replay")).findFirst()
                    .orElseThrow().totalLines()).isEqualTo(4);
        }
    }

    @Test
    void aServerThatIsNotALoadGeneratorIsNamedClearly() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread talker = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write("w1 w2 w3\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().read();
                } catch (java.io.IOException e) {
                    // done
                }
            });
            talker.start();
            assertThatThrownBy(() -> ReplayClient.connect("127.0.0.1", server.getLocalPort(), 5_000))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageContaining("did not answer the replay handshake (it said 'w1 w2 w3')");
            talker.join(5_000);
        }
        int closedPort;
        try (java.net.ServerSocket gone = new java.net.ServerSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        assertThatThrownBy(() -> ReplayClient.connect("127.0.0.1", closedPort, 2_000))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("cannot reach the load generator at 127.0.0.1:");
    }
}
