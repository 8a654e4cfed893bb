package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

/** When a measured run stops waiting for a receiver-fed variant to work off the fill's backlog. */
class CatchUpRuleTest {

    private static final long BATCH_MS = 1_000;
    private static final long FILL_END_MS = 100_000;

    private static BatchMetrics batch(long timeMs, long processingMs) {
        return new BatchMetrics(timeMs, 3_000, 30_000, 0, processingMs, processingMs, 0, -1, false);
    }

    @Test
    void threeSlowBatchesAfterTheFillMeanItCannotCatchUp() {
        List<BatchMetrics> batches = List.of(batch(99_000, 900), batch(100_000, 2_100), batch(101_000, 1_900),
                batch(102_000, 2_000));

        assertThat(BatchWindows.slowerThanInterval(batches, FILL_END_MS, BATCH_MS)).isTrue();
    }

    @Test
    void aFastBatchAmongThemOrBatchesOfTheFillDoNot() {
        assertThat(BatchWindows.slowerThanInterval(List.of(batch(100_000, 2_100), batch(101_000, 400),
                batch(102_000, 2_000)), FILL_END_MS, BATCH_MS)).isFalse();
        // Slow batches that still hold the fill's input are the backlog being worked off, not a verdict.
        assertThat(BatchWindows.slowerThanInterval(List.of(batch(98_000, 2_100), batch(99_000, 2_100),
                batch(100_000, 2_000)), FILL_END_MS, BATCH_MS)).isFalse();
        assertThat(BatchWindows.slowerThanInterval(List.of(batch(100_000, 2_100), batch(101_000, 2_100)),
                FILL_END_MS, BATCH_MS)).isFalse();
    }
}
