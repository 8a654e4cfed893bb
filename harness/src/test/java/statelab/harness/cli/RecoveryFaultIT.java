package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.WordCounts;
import statelab.harness.launch.ChildJvm;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * A driver killed with SIGKILL mid-stream and restarted on the same checkpoint.
 *
 * <p>DStreams (socket receiver): it loses nothing it had received (the receiver's write-ahead log) and doubles
 * nothing. The restarted receiver connects again and gets the stream from its start, so the expected totals
 * are: everything sent to the second connection, plus what the first connection delivered before the kill,
 * short by at most the words still in flight at the kill.
 *
 * <p>Structured Streaming on the replay source: exact. The restarted query re-reads its unfinished batch's line
 * range from its offset log and goes on where the load generator's clock has got to; the final counts equal
 * the ledger word by word, and the ledger counted every line once although some were served twice.
 */
class RecoveryFaultIT {

    /**
     * Words that may be in flight at a SIGKILL: the receiver's current block (200 ms), what sits in the socket
     * buffers, and a receiver thread that a busy machine delayed: at most one second of input (10,000 words).
     * Without the write-ahead log the counts roll back to the last state checkpoint, seconds of input.
     */
    private static final long MAX_IN_FLIGHT_WORDS = 10_000;

    @TempDir
    Path tmp;

    /** SIGKILLs {@code run} (no shutdown hook runs) once the generator has sent {@code words} words,
            or at the timeout. */
    private static void killOnceSent(Process run, LoadGenerator generator, long words, Duration timeout)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (generator.ledger(false).totalWords() < words && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void updateStateRecoversFromItsCheckpointAfterSigkill() throws Exception {
        LoadGenConfig load = LoadGenConfig.builder().port(0).rateLinesPerSec(1_000).wordsPerLine(10).keys(500)
                .seed(9).duration(Duration.ofSeconds(8)).build();
        Path checkpoint = tmp.resolve("checkpoint");
        Path counts = tmp.resolve("counts.tsv");
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            List<String> run = List.of("run", "update-state", "--port", Integer.toString(generator.port()),
                    "--batch", "500ms", "--checkpoint", checkpoint.toString(), "--counts-out", counts.toString(),
                    "--print-limit", "1");

            Process first = startLab(run, tmp.resolve("first.log"));
            assertThat(generator.awaitClients(1, Duration.ofSeconds(60))).isTrue();
            killOnceSent(first, generator, 30_000, Duration.ofSeconds(60));
            assertThat(counts).doesNotExist();

            List<String> rerun = new ArrayList<>(run);
            rerun.addAll(List.of("--duration", "20s"));
            Process second = startLab(rerun, tmp.resolve("second.log"));
            assertThat(generator.awaitClients(2, Duration.ofSeconds(60))).isTrue();
            assertThat(generator.awaitStreamsDone(Duration.ofSeconds(60))).isTrue();
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(tmp.resolve("second.log"))).isTrue();
            assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.log"))).isZero();

            LedgerSnapshot ledger = generator.ledger();
            LedgerSnapshot.ClientSnapshot beforeKill = ledger.clients().get(0);
            LedgerSnapshot.ClientSnapshot afterRestart = ledger.clients().get(1);
            Map<String, Long> counted = WordCounts.readCountsFile(counts);
            long lostWords = 0;
            for (Map.Entry<String, Long> sent : ledger.counts().entrySet()) {
                long got = counted.getOrDefault(sent.getKey(), 0L);
                assertThat(got).as("count of %s: never more than was sent (nothing doubled)", sent.getKey())
                        .isLessThanOrEqualTo(sent.getValue());
                assertThat(got).as("count of %s: at least what the second connection sent", sent.getKey())
                        .isGreaterThanOrEqualTo(afterRestart.count(sent.getKey()));
                lostWords += sent.getValue() - got;
            }
            assertThat(counted.keySet()).isSubsetOf(ledger.counts().keySet());
            System.out.printf("sent before the kill: %d words; in flight and lost at the kill: %d words%n",
                    beforeKill.totalWords(), lostWords);
            assertThat(lostWords).as("words in flight at the kill").isLessThanOrEqualTo(MAX_IN_FLIGHT_WORDS);
            assertThat(beforeKill.totalWords()).isGreaterThanOrEqualTo(30_000);
        }
    }

    @Test
    void structuredOnTheReplaySourceRecoversExactlyAfterSigkill() throws Exception {
        // 20 s of 10,000 words/s: the kill comes after the first batches, with most of the stream still to come.
        LoadGenConfig load = LoadGenConfig.builder().port(0).rateLinesPerSec(1_000).wordsPerLine(10).keys(500)
                .seed(11).duration(Duration.ofSeconds(20)).build();
        Path checkpoint = tmp.resolve("structured-checkpoint");
        Path counts = tmp.resolve("structured-counts.tsv");
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            List<String> run = List.of("run", "structured", "--port", Integer.toString(generator.port()),
                    "--batch", "500ms", "--checkpoint", checkpoint.toString(), "--counts-out", counts.toString(),
                    "--print-limit", "1");

            Process first = startLab(run, tmp.resolve("structured-first.log"));
            killOnceSent(first, generator, 30_000, Duration.ofSeconds(90));
            assertThat(counts).doesNotExist();
            long servedBeforeKill = generator.ledger(false).totalWords();

            List<String> rerun = new ArrayList<>(run);
            rerun.addAll(List.of("--idle-stop", "3s", "--duration", "90s"));
            Process second = startLab(rerun, tmp.resolve("structured-second.log"));
            assertThat(generator.awaitStreamsDone(Duration.ofSeconds(90))).isTrue();
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(tmp.resolve("structured-second.log")))
                    .isTrue();
            assertThat(second.exitValue()).as(Files.readString(tmp.resolve("structured-second.log"))).isZero();

            LedgerSnapshot ledger = generator.ledger();
            assertThat(ledger.clients()).singleElement().satisfies(c -> assertThat(c.remote()).isEqualTo("replay"));
            assertThat(ledger.totalLines()).as("every line of the stream, each counted once").isEqualTo(20_000);
            assertThat(WordCounts.readCountsFile(counts)).isEqualTo(ledger.counts());
            System.out.printf("served before the kill: %d words; served again after the restart: %d lines%n",
                    servedBeforeKill, generator.status().replay().linesServedAgain());
            assertThat(servedBeforeKill).isLessThan(ledger.totalWords());
        }
    }

    /** Runs {@code lab ARGS} in its own JVM, as ./lab does, with its output in {@code log}. */
    private static Process startLab(List<String> args, Path log) throws Exception {
        return ChildJvm.of(Lab.class.getName()).args(args).log(log).start();
    }
}
