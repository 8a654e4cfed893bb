package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.LabException;
import statelab.harness.results.IntervalSearchSummary.Probe;

/** The interval search's rules: what it tries, what it concludes, and what it refuses up front. */
class IntervalSearchTest {

    private static Probe probe(long batchMs, boolean sustained) {
        return new Probe(batchMs, sustained, "probes/" + batchMs, null);
    }

    @Test
    void theShortestSustainedIntervalIsTheLastBeforeTheFirstFailure() {
        assertThat(IntervalSearch.shortestSustained(List.of(probe(500, true), probe(250, true), probe(100, false))))
                .isEqualTo(250);
        assertThat(IntervalSearch.shortestSustained(List.of(probe(500, true), probe(250, true)))).isEqualTo(250);
        assertThat(IntervalSearch.shortestSustained(List.of(probe(500, false)))).isEqualTo(-1);
        // A shorter interval sustained after a longer one failed does not count: the walk down ended there.
        assertThat(IntervalSearch.shortestSustained(List.of(probe(500, true), probe(250, false), probe(100, true))))
                .isEqualTo(500);
    }

    @Test
    void theStateCheckpointKeepsItsPeriodInTime() {
        RunSettings template = RunSettings.builder("map-with-state").keys(10_000).rateWordsPerS(30_000).batchMs(1_000)
                .checkpointEveryBatches(5).build();

        assertThat(IntervalSearch.probeSettings(template, 500).checkpointEveryBatches()).isEqualTo(10);
        assertThat(IntervalSearch.probeSettings(template, 200).checkpointEveryBatches()).isEqualTo(25);
        assertThat(IntervalSearch.probeSettings(template, 300).checkpointEveryBatches()).isEqualTo(17); // 5.1 s
        assertThat(IntervalSearch.probeSettings(template, 250).batchMs()).isEqualTo(250);
        assertThat(IntervalSearch.probeSettings(template, 250).keys()).isEqualTo(10_000);
    }

    @Test
    void intervalsMustGoFromTheLongestDownAndBePositive() {
        assertThatThrownBy(() -> IntervalSearch.checkIntervals(List.of(250L, 500L)))
                .isInstanceOf(LabException.class).hasMessageContaining("from the longest down");
        assertThatThrownBy(() -> IntervalSearch.checkIntervals(List.of(500L, 500L)))
                .isInstanceOf(LabException.class).hasMessageContaining("from the longest down");
        assertThatThrownBy(() -> IntervalSearch.checkIntervals(List.of(500L, 0L)))
                .isInstanceOf(LabException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> IntervalSearch.checkIntervals(List.of()))
                .isInstanceOf(LabException.class).hasMessageContaining("no batch interval");
        IntervalSearch.checkIntervals(List.of(1_000L, 500L, 100L));
    }
}
