package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import statelab.core.LiveBatchesFile;
import statelab.loadgen.LedgerSnapshot;

/**
 * The recovery verdict against fakes: restarts that end with plausible counts but did not recover (one started
 * over from line 0, one lost its state) must be rejected, and a real recovery accepted. The numbers are those of
 * a run at 1,000 lines/s of 10 words in 500 ms batches, killed 8 batches in, state checkpoints every 2 batches.
 */
class RecoveryVerdictTest {

    private static final long BATCH_MS = 500;
    private static final long RATE_WORDS = 10_000;

    /** Batches of 500 lines from {@code fromBatch} on; every second one a state checkpoint. */
    private static List<LiveBatchesFile.Row> batches(int fromBatch, int count, boolean lineNumbers) {
        List<LiveBatchesFile.Row> rows = new ArrayList<>();
        for (int i = fromBatch; i < fromBatch + count; i++) {
            long time = 1_000_000 + i * BATCH_MS;
            rows.add(new LiveBatchesFile.Row(time + 300, time, 500, 0, 300, 300, -1, -1, i % 2 == 1,
                    lineNumbers ? i * 500L : -1, lineNumbers ? (i + 1) * 500L : -1));
        }
        return rows;
    }

    private static Map<String, Long> counts(long words) {
        Map<String, Long> counts = new TreeMap<>();
        for (int k = 0; k < 100; k++) {
            counts.put("w" + k, words / 100);
        }
        return counts;
    }

    private static LedgerSnapshot replayLedger(long words) {
        return new LedgerSnapshot(words / 10, words, 100, counts(words), List.of(new LedgerSnapshot.ClientSnapshot(1,
                "replay", 0, words / 10, words, 100, counts(words))));
    }

    /** A socket ledger: the first connection sent {@code first} words, the restarted one {@code second}. */
    private static LedgerSnapshot socketLedger(long first, long second) {
        return new LedgerSnapshot((first + second) / 10, first + second, 100, counts(first + second), List.of(
                new LedgerSnapshot.ClientSnapshot(1, "127.0.0.1:1", 0, first / 10, first, 100, counts(first)),
                new LedgerSnapshot.ClientSnapshot(2, "127.0.0.1:2", 0, second / 10, second, 100, counts(second))));
    }

    private static RecoveryVerdict.Verdict replay(Map<String, Long> counted, List<LiveBatchesFile.Row> after,
                                                  long servedAgain) {
        // Killed after 8 batches (4,000 lines served); checkpoints at batches 1, 3, 5 and 7: the second-to-last
        // (batch 5) covers lines up to 3,000.
        return RecoveryVerdict.judge(new RecoveryVerdict.Evidence(true, true, counted, replayLedger(120_000),
                batches(0, 8, true), after, false, 4_000, servedAgain, 2_000, RATE_WORDS, BATCH_MS));
    }

    /** Killed after 8 batches; 40,000 words to the first connection, 80,000 to the restarted one. */
    private static RecoveryVerdict.Verdict socket(Map<String, Long> counted) {
        return RecoveryVerdict.judge(new RecoveryVerdict.Evidence(false, true, counted, socketLedger(40_000, 80_000),
                batches(0, 8, false), batches(8, 16, false), false, -1, 0, 2_000, RATE_WORDS, BATCH_MS));
    }

    @Test
    void aRestartThatResumedIsVerified() {
        RecoveryVerdict.Verdict verdict = replay(counts(120_000), batches(7, 17, true), 1_000);
        assertThat(verdict.verified()).as(verdict.note()).isTrue();
        assertThat(verdict.linesCountedBeforeKill()).isEqualTo(3_000);
        assertThat(verdict.firstLineAfterRestart()).isEqualTo(3_500);
        assertThat(verdict.linesServedAgainAllowed()).isEqualTo(1_000);
    }

    @Test
    void aRestartFromLineZeroIsRejectedThoughItsCountsEqualTheLedger() {
        // The fake: the checkpoint ignored, every line read again from 0; the counts still equal the ledger.
        RecoveryVerdict.Verdict verdict = replay(counts(120_000), batches(0, 24, true), 4_000);
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.note()).doesNotContain("differ from the ledger")
                .contains("started at line 0, before the 3000 lines the checkpoint had counted: it did not resume")
                .contains("4000 lines were served again, more than the 1000 the unfinished batches held");
    }

    @Test
    void aRestartThatLostItsStateOnReplayIsRejected() {
        // The fake: resumed at the right line but with an empty state: everything before the kill is missing.
        RecoveryVerdict.Verdict verdict = replay(counts(80_000), batches(8, 16, true), 0);
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.note()).contains("100 words differ from the ledger");
    }

    @Test
    void aRestartThatSkippedLinesIsRejected() {
        RecoveryVerdict.Verdict verdict = replay(counts(120_000), batches(12, 12, true), 0);
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.note()).contains("after the 4000 lines served before the kill: lines were skipped");
    }

    @Test
    void afterAnExecutorKillTheDriversQueuedBatchesGoOnPastWhatWasServed() {
        // The driver was not restarted: its queued batch 12 runs after the kill, its lines fetched only then.
        RecoveryVerdict.Verdict verdict = RecoveryVerdict.judge(new RecoveryVerdict.Evidence(true, false,
                counts(120_000), replayLedger(120_000), batches(0, 8, true), batches(12, 12, true), false, 4_000, 0,
                2_000, RATE_WORDS, BATCH_MS));
        assertThat(verdict.verified()).as(verdict.note()).isTrue();
    }

    @Test
    void aKillBeforeAnythingWasCountedProvesNothing() {
        RecoveryVerdict.Verdict verdict = RecoveryVerdict.judge(new RecoveryVerdict.Evidence(true, true,
                counts(120_000), replayLedger(120_000), batches(0, 2, true), batches(0, 24, true), false, 1_000,
                1_000, 2_000, RATE_WORDS, BATCH_MS));
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.note()).contains("durably counted 0 lines, fewer than the 2000 stated");
    }

    @Test
    void aSocketRestartThatLostOnlyTheWordsInFlightIsVerified() {
        // 40,000 words to the first connection, 3,000 of them in flight at the kill; 80,000 to the second.
        Map<String, Long> counted = counts(117_000);
        RecoveryVerdict.Verdict verdict = socket(counted);
        assertThat(verdict.verified()).as(verdict.note()).isTrue();
        assertThat(verdict.lostWords()).isEqualTo(3_000);
        assertThat(verdict.lostWordsAllowed()).isEqualTo(20_000);
        assertThat(verdict.note()).contains("3000 words in flight at the kill were lost");
    }

    @Test
    void aSocketRestartThatLostItsStateIsRejected() {
        // The fake: the restarted job counted only what the new connection sent; nothing is counted twice, and
        // every word counted at least what the restarted connection sent: only the loss gives it away.
        RecoveryVerdict.Verdict verdict = socket(counts(80_000));
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.lostWords()).isEqualTo(40_000);
        assertThat(verdict.note()).contains("40000 words were lost, more than the 20000 sent in the last 4 batch "
                + "intervals before the kill: the restart lost its state");
    }

    @Test
    void aSocketRestartThatCountedTwiceIsRejected() {
        RecoveryVerdict.Verdict verdict = socket(counts(160_000));
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.note()).contains("100 words wrong, e.g. w0=sent 1200, counted 1600");
    }

    @Test
    void durableBatchesAreStateCheckpointsOrEveryBatch() {
        List<LiveBatchesFile.Row> rows = batches(0, 8, true);
        assertThat(RecoveryVerdict.linesCountedBeforeKill(rows, false, true)).isEqualTo(3_000);
        assertThat(RecoveryVerdict.linesCountedBeforeKill(rows, true, true)).isEqualTo(3_000);
        assertThat(RecoveryVerdict.linesCountedBeforeKill(batches(0, 8, false), false, false)).isEqualTo(3_000);
        assertThat(RecoveryVerdict.linesCountedBeforeKill(batches(0, 2, true), true, true)).isZero();
    }
}
