package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.RateSteps;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;
import statelab.harness.results.SearchSummary;

/** One real, short staircase: steps of the same run after its windows, read back as a search. */
class StaircaseIT {

    @TempDir
    Path dir;

    @Test
    void stepsRunOnTheFilledStateAndMakeASearch() throws Exception {
        RunSettings settings = RunSettings.builder("map-with-state").keys(1_000).rateWordsPerS(5_000).batchMs(500)
                .warmupMs(500).measureMs(7_500).checkpointEveryBatches(5)
                .steps(new RateSteps(new SearchBounds(20_000, 5_000, 80_000, 4, 2, 2), 500, 2_500)).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RunSummary run = Experiment.run(settings, dir.resolve("run"), new PrintStream(log, true));

        assertThat(run.countsVerified()).as(log.toString()).isTrue();
        assertThat(run.steps()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(run.steps().get(0).rateWordsPerS()).isEqualTo(20_000);
        run.steps().forEach(step -> assertThat(step.measuredBatches()).isPositive());
        assertThat(BatchesCsv.read(dir.resolve("run/batches.csv"))).extracting(BatchesCsv.Row::phase)
                .contains("measure", "step");

        SearchSummary search = Search.fromStaircase(dir.resolve("search"), run, dir.resolve("run"));
        assertThat(search.method()).isEqualTo(SearchSummary.STAIRCASE);
        assertThat(search.probes()).hasSize(1 + run.steps().size());
        assertThat(search.conclusion()).isNotBlank();
        // The highest sustained rate is the window's or a step's, and each step's verdict stands in the search.
        assertThat(search.highestSustainedRateWordsPerS()).isIn(-1L, 5_000L, 20_000L, 80_000L, 40_000L);
    }
}
