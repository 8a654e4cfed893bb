package statelab.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

/** A point's figure is the median of its window medians; its spread the lowest and highest window median. */
class WindowStatisticsTest {

    private static List<BatchMetrics> window(long... processingMs) {
        List<BatchMetrics> batches = new ArrayList<>();
        for (long ms : processingMs) {
            batches.add(new BatchMetrics(0, 100, 1000, 2, ms, ms + 2, 10, -1, false));
        }
        return batches;
    }

    @Test
    void theMedianOfWindowMediansAndTheirSpread() {
        WindowStatistics stats = WindowStatistics.of(List.of(window(100, 120, 140, 160, 180),
                window(300, 310, 320, 330, 340), window(200, 205, 210, 215, 220)), 1000);

        assertThat(stats.windows()).extracting(RunStatistics::medianProcessingMs).containsExactly(140L, 320L, 210L);
        assertThat(stats.medianProcessingMs()).isEqualTo(210);
        assertThat(stats.minMedianProcessingMs()).isEqualTo(140);
        assertThat(stats.maxMedianProcessingMs()).isEqualTo(320);
        assertThat(stats.medianTotalDelayMs()).isEqualTo(212);
        assertThat(stats.minMedianTotalDelayMs()).isEqualTo(142);
        assertThat(stats.maxMedianTotalDelayMs()).isEqualTo(322);
        // Over every batch: the 15 together.
        assertThat(stats.all().batches()).isEqualTo(15);
        assertThat(stats.all().maxProcessingMs()).isEqualTo(340);
        assertThat(stats.keepingUp(1000)).isTrue();
    }

    @Test
    void oneWindowSlowerThanTheIntervalIsNotKeepingUp() {
        WindowStatistics stats = WindowStatistics.of(List.of(window(100, 110, 120, 130, 140),
                window(1100, 1150, 1200, 1250, 1300), window(100, 110, 120, 130, 140)), 1000);

        assertThat(stats.all().keepingUp()).isTrue(); // the whole span's median (130 ms) is under the interval
        assertThat(stats.keepingUp(1000)).isFalse();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(WindowStatistics.median(List.of(10L, 40L, 20L, 30L))).isEqualTo(25);
        assertThat(WindowStatistics.median(List.of(7L))).isEqualTo(7);
        assertThat(WindowStatistics.median(List.of())).isEqualTo(-1);
    }
}
