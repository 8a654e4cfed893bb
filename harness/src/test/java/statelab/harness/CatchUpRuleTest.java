package statelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

/** When a measured run stops waiting for a receiver-fed variant to work off the fill's backlog. */
class CatchUpRuleTest {

    private static final Experiment.Settings SETTINGS =
            Experiment.Settings.of("update-state", 3_000_000, 30_000, 1_000, 5_000, 10_000);
    private static final long FILL_END_MS = 100_000;

    private static BatchMetrics batch(long timeMs, long processingMs) {
        return new BatchMetrics(timeMs, 3_000, 30_000, 0, processingMs, processingMs, 0, -1, false);
    }

    private static BatchRecorder recorder(BatchMetrics... batches) {
        BatchRecorder recorder = new BatchRecorder(10, () -> 0);
        for (BatchMetrics b : batches) {
            recorder.onBatch(b);
        }
        return recorder;
    }

    @Test
    void threeSlowBatchesAfterTheFillMeanItCannotCatchUp() {
        BatchRecorder recorder = recorder(batch(99_000, 900), batch(100_000, 2_100), batch(101_000, 1_900),
                batch(102_000, 2_000));

        assertThat(Experiment.slowerThanInterval(FILL_END_MS, recorder, SETTINGS)).isTrue();
    }

    @Test
    void aFastBatchAmongThemOrBatchesOfTheFillDoNot() {
        assertThat(Experiment.slowerThanInterval(FILL_END_MS, recorder(batch(100_000, 2_100), batch(101_000, 400),
                batch(102_000, 2_000)), SETTINGS)).isFalse();
        // Slow batches that still hold the fill's input are the backlog being worked off, not a verdict.
        assertThat(Experiment.slowerThanInterval(FILL_END_MS, recorder(batch(98_000, 2_100), batch(99_000, 2_100),
                batch(100_000, 2_000)), SETTINGS)).isFalse();
        assertThat(Experiment.slowerThanInterval(FILL_END_MS, recorder(batch(100_000, 2_100), batch(101_000, 2_100)),
                SETTINGS)).isFalse();
    }
}
