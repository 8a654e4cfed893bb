package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server over real loopback sockets. */
class LoadGeneratorTest {

    private static final double NANOS_PER_SEC = 1e9;

    private static LoadGenConfig.Builder base() {
        return LoadGenConfig.builder().host("127.0.0.1").port(0).controlPort(0);
    }

    @Test
    void aClientReadingTheChapterGetsItsLinesAtSecondsOneTwoFour() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().script(Script.chapter()).build());
             TestClient client = TestClient.keepingLines(gen.port())) {
            assertThat(gen.awaitClients(1, Duration.ofSeconds(10))).isTrue();
            assertThat(client.awaitLines(3, 15_000)).isTrue();
            List<TestClient.Received> lines = client.lines();
            assertThat(lines).extracting(TestClient.Received::text).containsExactly(
                    "blue blue blue blue blue green green green", "gohawks", "green green");
            double[] expectedSeconds = {1, 2, 4};
            for (int i = 0; i < 3; i++) {
                double seconds = (lines.get(i).atNanos() - client.connectedNanos) / NANOS_PER_SEC;
                assertThat(seconds).as("line %d arrives at about %s s", i, expectedSeconds[i])
                        .isBetween(expectedSeconds[i] - 0.1, expectedSeconds[i] + 0.9);
            }
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(5))).isTrue();
            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.totalLines()).isEqualTo(3);
            assertThat(ledger.totalWords()).isEqualTo(11);
            assertThat(ledger.distinctKeys()).isEqualTo(3);
            assertThat(ledger.counts()).containsExactly(Map.entry("blue", 5L), Map.entry("green", 5L),
                    Map.entry("gohawks", 1L));
            // The stream is over but the connection stays open: nothing more arrives, no EOF.
            Thread.sleep(200);
            assertThat(client.lineCount()).isEqualTo(3);
            assertThat(gen.status().clientsConnected()).isEqualTo(1);
        }
    }

    @Test
    void whatAClientCountsEqualsTheLedgerWordByWord() throws Exception {
        // 40,000 lines x 10 words = 400,000 words over 1 s of schedule.
        LoadGenConfig config = base().rateLinesPerSec(40_000).wordsPerLine(10).keys(5_000)
                .distribution(Distribution.zipf(1.05)).seed(7).duration(Duration.ofSeconds(1)).build();
        try (LoadGenerator gen = LoadGenerator.start(config);
             TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(20))).isTrue();
            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.totalLines()).isEqualTo(40_000);
            assertThat(ledger.totalWords()).isEqualTo(400_000);
            assertThat(client.awaitLines(ledger.totalLines(), 20_000)).isTrue();
            assertThat(client.counts()).isEqualTo(ledger.counts());
            assertThat(ledger.distinctKeys()).isEqualTo(client.counts().size());
            assertThat(ledger.clients()).singleElement().satisfies(c -> {
                assertThat(c.counts()).isEqualTo(ledger.counts());
                assertThat(c.remote()).startsWith("127.0.0.1:");
                assertThat(c.clientId()).isEqualTo(1);
            });
            // Same seed and options => the same stream.
            LineGenerator lines = new LineGenerator(config);
            assertThat(lines.line(0).split(" ")).hasSize(10);
        }
    }

    @Test
    void twoClientsEachGetTheWholeStream() throws Exception {
        LoadGenConfig config = base().rateLinesPerSec(2_000).keys(300).duration(Duration.ofMillis(500)).build();
        try (LoadGenerator gen = LoadGenerator.start(config);
             TestClient first = TestClient.keepingLines(gen.port());
             TestClient second = TestClient.keepingLines(gen.port())) {
            assertThat(gen.awaitClients(2, Duration.ofSeconds(10))).isTrue();
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(20))).isTrue();
            assertThat(first.awaitLines(1000, 10_000)).isTrue();
            assertThat(second.awaitLines(1000, 10_000)).isTrue();
            List<String> expected = new ArrayList<>();
            LineGenerator lines = new LineGenerator(config);
            for (int i = 0; i < 1000; i++) {
                expected.add(lines.line(i));
            }
            assertThat(first.texts()).isEqualTo(expected);
            assertThat(second.texts()).isEqualTo(expected);
            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.clients()).hasSize(2);
            assertThat(ledger.clients()).allSatisfy(c -> assertThat(c.totalLines()).isEqualTo(1000));
            assertThat(ledger.totalLines()).isEqualTo(2000);
            assertThat(ledger.count("w0")).isEqualTo(2 * ledger.clients().get(0).count("w0"));
        }
    }

    @Test
    void fillThenRandomGivesExactlyKDistinctKeysFirst() throws Exception {
        LoadGenConfig config = base().rateLinesPerSec(10_000).keys(2_000).wordsPerLine(20).fill(true)
                .duration(Duration.ofMillis(10)).build(); // 100 lines: exactly the fill
        try (LoadGenerator gen = LoadGenerator.start(config);
             TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(10))).isTrue();
            assertThat(client.awaitLines(100, 10_000)).isTrue();
            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.distinctKeys()).isEqualTo(2_000);
            assertThat(ledger.counts().values()).containsOnly(1L);
        }
    }

    @Test
    void aFinalSweepSendsEveryKeyOnceMoreAfterTheDuration() throws Exception {
        // Without fill, 50 random lines of 10 words over 1,000 keys leave most keys unsent; the sweep sends all.
        LoadGenConfig config = base().rateLinesPerSec(500).keys(1_000).wordsPerLine(10).seed(3)
                .duration(Duration.ofMillis(100)).finalSweep(true).build();
        try (LoadGenerator gen = LoadGenerator.start(config);
             TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(gen.awaitStreamsDone(Duration.ofSeconds(10))).isTrue();
            LedgerSnapshot ledger = gen.ledger();
            assertThat(ledger.totalLines()).isEqualTo(50 + 100);
            assertThat(ledger.distinctKeys()).isEqualTo(1_000);
            assertThat(gen.status().clients().get(0).distinctKeys()).isEqualTo(1_000);
            assertThat(client.awaitLines(ledger.totalLines(), 10_000)).isTrue();
            assertThat(client.counts()).isEqualTo(ledger.counts());
            assertThat(ledger.counts().values()).allSatisfy(count -> assertThat(count).isPositive());
            // Every key at least once, and the sweep's 1,000 words on top of the 500 random ones.
            assertThat(ledger.totalWords()).isEqualTo(1_500);
        }
    }

    @Test
    void anAlignedScriptIsDueMidwayThroughAnInterval() {
        LoadGenConfig config = base().script(Script.parse("mid.txt", "0 a\n1 b\n")).alignScriptTo(Duration.ofSeconds(1))
                .build();
        // Connected 200 ms or 700 ms into a second: the script starts at the next half second after it.
        assertThat(config.scheduleDelayMs(10_200)).isEqualTo(300);
        assertThat(config.scheduleDelayMs(10_500)).isZero();
        assertThat(config.scheduleDelayMs(10_700)).isEqualTo(800);
        assertThat(base().script(Script.chapter()).build().scheduleDelayMs(10_700)).isZero();
    }

    @Test
    void anAlignedScriptSendsNoLineBeforeItsMidwayTime() throws Exception {
        LoadGenConfig config = base().script(Script.parse("mid.txt", "0 a\n1 b\n")).alignScriptTo(Duration.ofSeconds(1))
                .build();
        try (LoadGenerator gen = LoadGenerator.start(config)) {
            long beforeConnectMs = System.currentTimeMillis();
            try (TestClient client = TestClient.keepingLines(gen.port())) {
                assertThat(client.awaitLines(2, 10_000)).isTrue();
                long nanosToEpochMs = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
                long firstDueMs = beforeConnectMs + config.scheduleDelayMs(beforeConnectMs);
                List<TestClient.Received> lines = client.lines();
                // Late is possible on a busy machine; early is not: each line waits for its time on the schedule.
                for (int i = 0; i < lines.size(); i++) {
                    long arrivedMs = lines.get(i).atNanos() / 1_000_000 + nanosToEpochMs;
                    assertThat(arrivedMs).as("line %d", i).isGreaterThanOrEqualTo(firstDueMs + 1_000L * i - 20);
                }
            }
        }
    }

    @Test
    void aFinalSweepNeedsADuration() {
        assertThatThrownBy(() -> base().finalSweep(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("final sweep");
    }

    @Test
    void aStalledReaderLagsWhileAnotherClientIsUnaffected() throws Exception {
        // ~5 MB/s per client: the stalled client's socket buffers (a few MB at most) fill within a second.
        LoadGenConfig config = base().rateLinesPerSec(50_000).wordsPerLine(20).keys(1_000).build();
        try (LoadGenerator gen = LoadGenerator.start(config)) {
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", gen.port()));
            try (stalled; TestClient healthy = TestClient.countingWords(gen.port())) {
                assertThat(gen.awaitClients(2, Duration.ofSeconds(10))).isTrue();
                Thread.sleep(3_000);
                Status status = gen.status();
                // Clients are listed once the handshake window has passed, which may reorder them: find by port.
                String stalledRemote = "127.0.0.1:" + stalled.getLocalPort();
                Status.ClientStatus stalledStatus = status.clients().stream()
                        .filter(c -> c.remote().equals(stalledRemote)).findFirst().orElseThrow();
                Status.ClientStatus healthyStatus = status.clients().stream()
                        .filter(c -> !c.remote().equals(stalledRemote)).findFirst().orElseThrow();
                assertThat(stalledStatus.currentLagMs()).isGreaterThan(1_000);
                // Open loop: the schedule went on, the writer did not (nothing generated ahead, nothing queued).
                assertThat(stalledStatus.lineIndexReached()).isLessThan(stalledStatus.linesDue() / 2);
                assertThat(healthyStatus.currentLagMs()).isLessThan(1_000);
                assertThat(healthyStatus.linesSent()).isGreaterThan(healthyStatus.linesDue() / 2);
                assertThat(healthyStatus.lagP50Ms()).isLessThan(100);
                // Memory stays bounded: per client one reused buffer, whatever the reader does.
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(256L << 20);
            }
        }
    }

    @Test
    void aRateChangeTakesEffectLive() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(0.5).build());
             TestClient client = TestClient.countingWords(gen.port())) {
            assertThat(client.awaitLines(1, 5_000)).isTrue(); // line 0 is due at once, line 1 only after 2 s
            gen.setRateLinesPerSec(1000);
            assertThat(client.awaitLines(200, 5_000)).isTrue();
            assertThat(gen.status().rateLinesPerSec()).isEqualTo(1000.0);
            assertThatThrownBy(() -> gen.setRateLinesPerSec(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void manyClientsComingAndGoingDoNotBreakTheServer() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().rateLinesPerSec(10_000).build())) {
            for (int i = 0; i < 100; i++) {
                try (Socket socket = new Socket("127.0.0.1", gen.port())) {
                    if (i % 10 == 0) {
                        // some read a little (each after the server's handshake window), most nothing
                        socket.getInputStream().read();
                    }
                }
            }
            assertThat(gen.awaitClients(100, Duration.ofSeconds(10))).isTrue();
            try (TestClient client = TestClient.countingWords(gen.port())) {
                assertThat(client.awaitLines(500, 10_000)).isTrue();
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (gen.status().clientsConnected() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(gen.status().clientsConnected()).isZero();
            assertThat(gen.status().clientsTotal()).isEqualTo(101);
            assertThat(gen.ledger(false).clients()).hasSize(101);
        }
    }

    @Test
    void aBusyPortIsReportedClearly() {
        try (LoadGenerator first = LoadGenerator.start(base().build())) {
            assertThatThrownBy(() -> LoadGenerator.start(base().port(first.port()).build()))
                    .isInstanceOf(LoadGenException.class)
                    .hasMessage("port " + first.port() + " on 127.0.0.1 is already in use");
            assertThatThrownBy(() -> LoadGenerator.start(base().controlPort(first.controlPort()).build()))
                    .isInstanceOf(LoadGenException.class)
                    .hasMessage("control port " + first.controlPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void closeEndsConnectionsAndIsIdempotent() throws Exception {
        LoadGenerator gen = LoadGenerator.start(base().script(Script.chapter()).build());
        Socket socket = new Socket("127.0.0.1", gen.port());
        assertThat(gen.awaitClients(1, Duration.ofSeconds(10))).isTrue();
        gen.close();
        gen.close();
        socket.setSoTimeout(5_000);
        try (InputStream in = socket.getInputStream()) {
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException e) {
            // a reset is as good as an end of stream here
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", gen.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void awaitStreamsDoneWaitsForAClient() throws Exception {
        try (LoadGenerator gen = LoadGenerator.start(base().script(Script.chapter()).build())) {
            assertThat(gen.awaitStreamsDone(Duration.ofMillis(200))).isFalse();
            assertThat(gen.awaitClients(1, Duration.ofMillis(200))).isFalse();
        }
    }
}
