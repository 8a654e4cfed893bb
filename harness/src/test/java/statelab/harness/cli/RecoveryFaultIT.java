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
import statelab.core.LiveBatchesFile;
import statelab.core.Source;
import statelab.core.Variants;
import statelab.core.WordCounts;
import statelab.harness.launch.ChildJvm;
import statelab.harness.measure.RecoveryVerdict;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * A driver killed with SIGKILL mid-stream and restarted on the same checkpoint, as a user would do it: {@code lab
 * run VARIANT --checkpoint DIR} in a JVM of its own, killed once its state has durably counted a stated number of
 * lines (asserted), then run again on DIR until its input stops, its final counts written with
 * {@code --counts-out} and its batches with {@code --batches-out}. {@link RecoveryVerdict} judges what it left:
 * on the replay source the counts equal the ledger word by word, the first batch after the restart starts at the
 * checkpoint's offsets, and the lines read again are at most what the unfinished batches held; on the socket
 * source nothing is counted twice and at most the words in flight are lost.
 *
 * <p>Each rule is also shown rejecting a restart that started over ({@code --fresh}: from line 0 on replay, which
 * still ends with counts equal to the ledger; without its state on a socket).
 */
class RecoveryFaultIT {

    /** The state must have durably counted this many lines (40,000 words) before the kill. */
    private static final long COUNTED_BEFORE_KILL_LINES = 4_000;
    private static final long BATCH_MS = 500;
    private static final long RATE_LINES_PER_S = 1_000;
    private static final int WORDS_PER_LINE = 10;
    /** Batches with input the restarted job completes before the test ends the stream. */
    private static final int BATCHES_AFTER_RESTART = 4;

    @TempDir
    Path tmp;

    /** What one kill and restart left, and the verdict on it. */
    private record Restart(RecoveryVerdict.Verdict verdict, LedgerSnapshot ledger, Map<String, Long> counted,
                           long countedBeforeKill, long linesServedAgain) {
    }

    /**
     * Runs {@code variant} on {@code source}, kills it with SIGKILL once its state has durably counted
     * {@link #COUNTED_BEFORE_KILL_LINES} lines, restarts it on its checkpoint with {@code restartArgs} added, ends
     * the stream once the restarted job has completed {@link #BATCHES_AFTER_RESTART} batches, and judges the
     * result. The stream runs until then (driven by the batches, not by a duration a slow machine could outlast).
     */
    private Restart killAndRestart(String variant, Source source, String... restartArgs) throws Exception {
        return killAndRestart(variant, source, BATCH_MS, restartArgs);
    }

    private Restart killAndRestart(String variant, Source source, long batchMs, String... restartArgs)
            throws Exception {
        boolean replay = source == Source.REPLAY;
        boolean durableEveryBatch = Variants.byName(variant).durableEveryBatch();
        LoadGenConfig load = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(RATE_LINES_PER_S)
                .wordsPerLine(WORDS_PER_LINE).keys(500).seed(9).duration(Duration.ofHours(1)).build();
        Path checkpoint = tmp.resolve("checkpoint");
        Path counts = tmp.resolve("counts.tsv");
        Path before = tmp.resolve("batches-before.csv");
        Path after = tmp.resolve("batches-after.csv");
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            List<String> run = List.of("run", variant, "--port", Integer.toString(generator.port()),
                    "--source", source.label(), "--batch", batchMs + "ms", "--checkpoint", checkpoint.toString(),
                    "--checkpoint-every", "2", "--print-limit", "1");

            List<String> firstRun = new ArrayList<>(run);
            firstRun.addAll(List.of("--batches-out", before.toString()));
            Process first = startLab(firstRun, tmp.resolve("first.log"));
            long deadline = System.currentTimeMillis() + 120_000;
            while (RecoveryVerdict.linesCountedBeforeKill(LiveBatchesFile.read(before), durableEveryBatch, replay)
                    < COUNTED_BEFORE_KILL_LINES && System.currentTimeMillis() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long servedBeforeKill = generator.ledger(false).totalLines();
            List<LiveBatchesFile.Row> beforeKill = LiveBatchesFile.read(before);
            long countedBeforeKill = RecoveryVerdict.linesCountedBeforeKill(beforeKill, durableEveryBatch, replay);
            assertThat(countedBeforeKill).as("lines durably counted before the kill; log:%n%s",
                    Files.readString(tmp.resolve("first.log"))).isGreaterThanOrEqualTo(COUNTED_BEFORE_KILL_LINES);
            assertThat(generator.status().clients().get(0).streamDone()).as("the kill came mid-stream").isFalse();
            assertThat(counts).doesNotExist();

            List<String> rerun = new ArrayList<>(run);
            rerun.addAll(List.of("--idle-stop", "3s", "--duration", "300s", "--counts-out", counts.toString(),
                    "--batches-out", after.toString()));
            rerun.addAll(List.of(restartArgs));
            Process second = startLab(rerun, tmp.resolve("second.log"));
            try {
                deadline = System.currentTimeMillis() + 180_000;
                while (LiveBatchesFile.read(after).stream().filter(r -> r.inputLines() > 0).count()
                        < BATCHES_AFTER_RESTART && System.currentTimeMillis() < deadline && second.isAlive()) {
                    Thread.sleep(50);
                }
                generator.endStreams();
                assertThat(generator.awaitStreamsDone(Duration.ofSeconds(120))).isTrue();
                assertThat(second.waitFor(120, TimeUnit.SECONDS)).as(Files.readString(tmp.resolve("second.log")))
                        .isTrue();
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.log"))).isZero();

            LedgerSnapshot ledger = generator.ledger();
            long servedAgain = replay ? generator.status().replay().linesServedAgain() : 0;
            Map<String, Long> counted = WordCounts.readCountsFile(counts);
            RecoveryVerdict.Verdict verdict = RecoveryVerdict.judge(new RecoveryVerdict.Evidence(replay, true, counted,
                    ledger, beforeKill, LiveBatchesFile.read(after), durableEveryBatch, servedBeforeKill, servedAgain,
                    COUNTED_BEFORE_KILL_LINES, RATE_LINES_PER_S * WORDS_PER_LINE, batchMs));
            System.out.printf("%s on %s%s: counted %d lines before the kill, served %d before it and %d again; "
                    + "first line after the restart %d; lost %d words; %s%n", variant, source.label(),
                    restartArgs.length == 0 ? "" : " " + String.join(" ", restartArgs), countedBeforeKill,
                    servedBeforeKill, servedAgain, verdict.firstLineAfterRestart(), verdict.lostWords(),
                    verdict.verified() ? "verified" : "rejected: " + verdict.note());
            return new Restart(verdict, ledger, counted, countedBeforeKill, servedAgain);
        }
    }

    /** Exact on replay: counts, resumption at the checkpoint's offsets, and bounded re-reading. */
    private void assertResumedExactly(Restart restart) {
        assertThat(restart.verdict().verified()).as(restart.verdict().note()).isTrue();
        assertThat(restart.counted()).isEqualTo(restart.ledger().counts());
        assertThat(restart.ledger().clients()).singleElement().satisfies(c -> assertThat(c.remote())
                .isEqualTo("replay"));
        assertThat(restart.verdict().firstLineAfterRestart()).isGreaterThanOrEqualTo(restart.countedBeforeKill());
        assertThat(restart.linesServedAgain()).isLessThanOrEqualTo(restart.verdict().linesServedAgainAllowed());
    }

    @Test
    void updateStateOnTheReplaySourceRecoversExactly() throws Exception {
        assertResumedExactly(killAndRestart("update-state", Source.REPLAY));
    }

    @Test
    void mapWithStateOnTheReplaySourceRecoversExactly() throws Exception {
        assertResumedExactly(killAndRestart("map-with-state", Source.REPLAY));
    }

    @Test
    void tableReaggregationOnTheReplaySourceRecoversExactly() throws Exception {
        // Three-second batches: each of the anti-pattern's batches re-reads its whole table (about 2 s here).
        assertResumedExactly(killAndRestart("table-reaggregation", Source.REPLAY, 3_000));
    }

    @Test
    void structuredOnTheReplaySourceRecoversExactly() throws Exception {
        assertResumedExactly(killAndRestart("structured", Source.REPLAY));
    }

    @Test
    void aRestartThatStartsOverFromLineZeroIsRejectedThoughItsCountsEqualTheLedger() throws Exception {
        Restart startedOver = killAndRestart("update-state", Source.REPLAY, "--fresh");
        assertThat(startedOver.counted()).as("re-reading every line also ends with the ledger's counts")
                .isEqualTo(startedOver.ledger().counts());
        assertThat(startedOver.verdict().verified()).isFalse();
        assertThat(startedOver.verdict().firstLineAfterRestart()).isZero();
        assertThat(startedOver.verdict().note()).contains("it did not resume")
                .contains("it re-read what the checkpoint had counted");
    }

    @Test
    void updateStateOnTheSocketSourceLosesAtMostTheWordsInFlight() throws Exception {
        Restart restart = killAndRestart("update-state", Source.SOCKET);
        assertThat(restart.verdict().verified()).as(restart.verdict().note()).isTrue();
        assertThat(restart.ledger().clients()).hasSize(2); // the restarted receiver connected again
        assertThat(restart.verdict().lostWords()).isLessThanOrEqualTo(restart.verdict().lostWordsAllowed());
    }

    @Test
    void aRestartThatLosesTheStateOnTheSocketSourceIsRejected() throws Exception {
        Restart lostState = killAndRestart("update-state", Source.SOCKET, "--fresh");
        assertThat(lostState.verdict().verified()).isFalse();
        assertThat(lostState.verdict().lostWords()).isGreaterThanOrEqualTo(COUNTED_BEFORE_KILL_LINES * WORDS_PER_LINE);
        assertThat(lostState.verdict().note()).contains("the restart lost its state");
    }

    /** Runs {@code lab ARGS} in its own JVM, as ./lab does, with its output in {@code log}. */
    private static Process startLab(List<String> args, Path log) throws Exception {
        return ChildJvm.of(Lab.class.getName()).args(args).log(log).start();
    }
}
