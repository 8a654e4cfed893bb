package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

/** Which recorded batches a measured window holds. */
class BatchWindowsTest {

    private static final long BATCH_MS = 500;

    private static BatchMetrics batch(long timeMs, long processingMs) {
        return new BatchMetrics(timeMs, 100, 1_000, 0, processingMs, processingMs, 0, -1, false);
    }

    @Test
    void aWindowHoldsTheBatchesThatStartedInIt() {
        List<BatchMetrics> batches = List.of(batch(9_500, 100), batch(10_000, 100), batch(10_500, 100),
                batch(11_000, 100));

        assertThat(BatchWindows.measuredIn(batches, 10_000, 11_000, false))
                .containsExactly(batch(10_000, 100), batch(10_500, 100));
    }

    @Test
    void aWindowWhoseBatchesHaveNotCompletedYetHoldsTheBatchesThatCompletedInIt() {
        // Written right after the windows: a slow batch (a checkpoint) that started before the last window is
        // still running, so no batch that started in the last window has been recorded yet.
        List<BatchMetrics> batches = List.of(batch(10_000, 100), batch(10_500, 100), batch(11_000, 2_900));

        assertThat(BatchWindows.measuredIn(batches, 12_000, 13_000, false)).containsExactly(batch(11_000, 2_900));
        assertThat(BatchWindows.measuredIn(batches, 14_000, 15_000, false)).containsExactly(batch(11_000, 2_900));
    }

    @Test
    void aVariantBehindIsMeasuredByTheBatchesThatCompletedInTheWindow() {
        List<BatchMetrics> batches = List.of(batch(10_000, 1_600), batch(10_500, 1_600), batch(11_000, 1_600));

        // 10,000 ends at 11,600, inside the window; 10,500 ends at 12,100 and 11,000 at 12,600, after it.
        assertThat(BatchWindows.measuredIn(batches, 11_000, 12_000, true)).containsExactly(batch(10_000, 1_600));
    }
}
