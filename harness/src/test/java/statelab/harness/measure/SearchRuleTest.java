package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;

/** The search's rule on its own: the next rate, and what counts as sustained. */
class SearchRuleTest {

    private static final RunSettings MAP_WITH_STATE = RunSettings.builder("map-with-state").keys(1_000)
            .rateWordsPerS(1_000).batchMs(500).warmupMs(500).measureMs(15_000).build();

    @Test
    void theNextRateGoesUpByTheFactorThenBisects() {
        TreeMap<Long, SearchRule.Point> points = new TreeMap<>();
        SearchBounds bounds = new SearchBounds(2_000, 1_000, 100_000, 4, 2, 5);
        points.put(1_000L, new SearchRule.Point(1_000, true, 100));
        assertThat(SearchRule.next(points, bounds)).isEqualTo(new SearchRule.Next(4_000, null));
        points.put(4_000L, new SearchRule.Point(4_000, true, 200));
        points.put(16_000L, new SearchRule.Point(16_000, false, 900));
        assertThat(SearchRule.next(points, bounds)).isEqualTo(new SearchRule.Next(8_000, null));
        points.put(8_000L, new SearchRule.Point(8_000, false, 700));
        assertThat(SearchRule.next(points, bounds).conclusion()).isEqualTo("highest sustained rate within 2.00x");
        points.put(100_000L, new SearchRule.Point(100_000, true, 700));
        assertThat(SearchRule.next(points, bounds).conclusion())
                .isEqualTo("sustained the highest rate searched (--max)");
    }

    @Test
    void aLaggingGeneratorMeansNotSustained() {
        RunSummary run = Fakes.run(MAP_WITH_STATE, true, true, 100);
        assertThat(SearchRule.sustained(run)).isTrue();
        assertThat(SearchRule.sustained(run.toBuilder().loadgenLagP99Ms(2_000).build())).isFalse();
    }

    @Test
    void theReplaySourceMayLagByTheIntervalItWaitsForTheNextBatch() {
        RunSummary run = Fakes.run(MAP_WITH_STATE.toBuilder().keys(1_000).build(), true, true, 100);
        assertThat(RunSettings.builder("structured").build().shape().source().label()).isEqualTo("replay");
        assertThat(SearchRule.keptUp(true, 900, 500, "replay")).isTrue();
        assertThat(SearchRule.keptUp(true, 1_100, 500, "replay")).isFalse();
        assertThat(SearchRule.keptUp(true, 900, 500, "socket")).isFalse();
        assertThat(SearchRule.keptUp(true, 400, 500, run.source())).isTrue();
    }

    @Test
    void ratesAreRoundedToTwoSignificantDigits() {
        assertThat(SearchRule.nice(1_234_567)).isEqualTo(1_200_000);
        assertThat(SearchRule.nice(87.4)).isEqualTo(87);
        assertThat(SearchRule.nice(0.2)).isEqualTo(1);
    }
}
