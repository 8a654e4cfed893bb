package statelab.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

class RunStatisticsTest {

    private static BatchMetrics batch(long schedulingMs, long processingMs, boolean checkpoint) {
        return new BatchMetrics(0, 100, 1000, schedulingMs, processingMs, schedulingMs + processingMs, 10, -1,
                checkpoint);
    }

    @Test
    void aBoundedDelayIsKeepingUp() {
        List<BatchMetrics> batches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batches.add(batch(i % 3 == 0 ? 40 : 5, 600 + (i % 5) * 20, i % 10 == 9));
        }
        RunStatistics stats = RunStatistics.of(batches, 1000);
        assertThat(stats.keepingUp()).isTrue();
        // Processing 600, 620, 640, 660, 680 ms six times each: the median is 640 ms.
        assertThat(stats.medianProcessingMs()).isEqualTo(640);
        // Checkpoint batches are i = 9, 19, 29: 680, 680, 680 ms; the other 27 have the median 640 ms.
        assertThat(stats.medianCheckpointProcessingMs()).isEqualTo(680);
        assertThat(stats.medianNormalProcessingMs()).isEqualTo(640);
        assertThat(stats.maxSchedulingDelayMs()).isEqualTo(40);
        // Total delay: processing plus 40 ms for a third of them (i % 3 == 0), plus 5 ms for the rest; the 15th of
        // the 30 sorted totals is 660 ms (sorted: 605 x4, 625 x4, 640 x2, 645 x4, 660 x2, ...).
        assertThat(stats.medianTotalDelayMs()).isEqualTo(660);
    }

    @Test
    void aClimbingSchedulingDelayIsFallingBehind() {
        List<BatchMetrics> batches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batches.add(batch(i * 300L, 1300, false)); // each batch takes 1.3 s of a 1 s interval
        }
        RunStatistics stats = RunStatistics.of(batches, 1000);
        assertThat(stats.keepingUp()).isFalse();
        assertThat(stats.schedulingDelaySlopeMsPerBatch()).isCloseTo(300.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(stats.maxSchedulingDelayMs()).isEqualTo(29 * 300L);
    }

    @Test
    void percentilesComeFromTheHistogram() {
        List<BatchMetrics> batches = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            batches.add(batch(0, i * 10L, false));
        }
        RunStatistics stats = RunStatistics.of(batches, 2000);
        assertThat(stats.medianProcessingMs()).isEqualTo(500);
        assertThat(stats.p99ProcessingMs()).isEqualTo(990);
        assertThat(stats.maxProcessingMs()).isEqualTo(1000);
    }
}
