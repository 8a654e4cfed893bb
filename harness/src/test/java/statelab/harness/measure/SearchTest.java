package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.LabException;
import statelab.harness.report.Report;
import statelab.harness.results.Json;
import statelab.harness.results.RateSteps;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;
import statelab.harness.results.SearchSummary;

/** The search's walk over rates with a fake runner, its files and report, and a staircase read as a search. */
class SearchTest {

    @TempDir
    Path dir;

    private static final RunSettings TEMPLATE = RunSettings.builder("map-with-state").keys(1_000).rateWordsPerS(1)
            .batchMs(500).warmupMs(500).measureMs(15_000).build();
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true);

    private static RunSettings at(long rate) {
        return TEMPLATE.toBuilder().rateWordsPerS(rate).build();
    }

    /** A runner whose runs keep up below {@code limit} words/s, batches slower with the rate. */
    private static Runner limitedAt(long limit, List<Long> ran) {
        return Fakes.perPoint((settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            RunSummary run = Fakes.run(settings, settings.rateWordsPerS() <= limit, true,
                    settings.rateWordsPerS() * 500 / limit);
            Files.createDirectories(runDir);
            Json.write(runDir.resolve(Json.SUMMARY_FILE), run);
            return run;
        });
    }

    @Test
    void bracketsTheLimitWithinThePrecisionAndResumes() throws Exception {
        List<Long> ran = new ArrayList<>();
        SearchBounds bounds = new SearchBounds(100_000, 1_000, 20_000_000, 4, 2, 8);
        SearchSummary summary = Search.run(dir, TEMPLATE, bounds, null, limitedAt(700_000, ran), QUIET);

        // 100k ok, 400k ok, 1.6M no, then the geometric mean 800k no: bracket [400k, 800k] within 2x.
        assertThat(ran).containsExactly(100_000L, 400_000L, 1_600_000L, 800_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(400_000);
        assertThat(summary.lowestFailedRateWordsPerS()).isEqualTo(800_000);
        assertThat(summary.conclusion()).contains("within 2.00x");
        assertThat(SearchSummary.read(dir).probes()).hasSize(4);

        // Started again, every probe is kept.
        List<Long> again = new ArrayList<>();
        Search.run(dir, TEMPLATE, bounds, null, limitedAt(700_000, again), QUIET);
        assertThat(again).isEmpty();

        Path html = Report.write(dir);
        assertThat(html).content().contains("Highest sustained rate", "400,000");
        assertThat(dir.resolve("search-probes.png")).isNotEmptyFile();
    }

    @Test
    void goesDownAndStopsWhenTheStateSetsTheCost() throws Exception {
        List<Long> ran = new ArrayList<>();
        Runner stateBound = Fakes.perPoint((settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            return Fakes.run(settings, false, true, 3_000); // 3 s per batch at any rate
        });
        SearchSummary summary = Search.run(dir, TEMPLATE, new SearchBounds(100_000, 1_000, 1_000_000, 4, 2, 8),
                null, stateBound, QUIET);
        assertThat(ran).containsExactly(100_000L, 25_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).startsWith("not rate-bound");
    }

    @Test
    void countsThatDifferAreNotSustainedAndProbesAreBounded() throws Exception {
        List<Long> ran = new ArrayList<>();
        Runner wrong = Fakes.perPoint((settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            return Fakes.run(settings, true, false, 100 + settings.rateWordsPerS() / 1000);
        });
        SearchSummary summary = Search.run(dir, TEMPLATE, new SearchBounds(100_000, 1_000, 1_000_000, 4, 2, 2),
                null, wrong, QUIET);
        assertThat(ran).hasSize(2);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).isEqualTo("stopped after 2 probes");
    }

    @Test
    void reusesASweepRunAsAProbe() throws Exception {
        Path sweep = dir.resolve("sweep");
        Path runDir = sweep.resolve("runs").resolve(RunSummary.directoryName("map-with-state", 1_000));
        Files.createDirectories(runDir);
        Json.write(runDir.resolve(Json.SUMMARY_FILE), Fakes.run(at(30_000), true, true, 100));

        List<Long> ran = new ArrayList<>();
        SearchSummary summary = Search.run(dir.resolve("search"), TEMPLATE,
                new SearchBounds(30_000, 1_000, 1_000_000, 4, 2, 8), sweep, limitedAt(200_000, ran), QUIET);
        assertThat(ran).doesNotContain(30_000L).startsWith(120_000L);
        assertThat(summary.probes().get(0).rateWordsPerS()).isEqualTo(30_000);
        // Where the runs live, relative to the search's directory: results stay valid wherever they are moved.
        Path expected = Path.of("..", "sweep", "runs", RunSummary.directoryName("map-with-state", 1_000));
        assertThat(summary.probes().get(0).runDirectory()).isEqualTo(expected.toString());
        assertThat(summary.probes()).allSatisfy(p -> assertThat(Path.of(p.runDirectory())).isRelative());
    }

    @Test
    void refusesAnotherSearchInTheSameDirectory() throws Exception {
        SearchBounds one = new SearchBounds(1_000, 1_000, 1_000, 4, 2, 1);
        Search.run(dir, TEMPLATE, one, null, limitedAt(5_000, new ArrayList<>()), QUIET);
        assertThatThrownBy(() -> Search.run(dir, TEMPLATE.toBuilder().keys(2_000).build(), one, null,
                limitedAt(5_000, new ArrayList<>()), QUIET))
                .isInstanceOf(LabException.class).hasMessageContaining("use another --out");
    }

    private static RunSummary.Step step(long rate, boolean sustained) {
        return new RunSummary.Step(rate, 5, sustained ? 200 : 900, 900, sustained ? 3 : 2_000, sustained ? 0 : 400,
                sustained, 0.1, sustained, sustained ? "" : "stopped early: scheduling delay 2,000 ms");
    }

    private static final RateSteps STEPS = new RateSteps(new SearchBounds(2_000, 1_000, 100_000, 4, 2, 5), 500,
            2_500);

    private static RunSummary withSteps(RunSummary run, List<RunSummary.Step> steps) {
        return run.toBuilder().rateSteps(STEPS).steps(steps).build();
    }

    @Test
    void aStaircaseIsASearchWhoseProbesAreItsSteps() throws Exception {
        RunSummary run = withSteps(Fakes.run(at(1_000), true, true, 100),
                List.of(step(2_000, true), step(8_000, false), step(4_000, true)));

        SearchSummary summary = Search.fromStaircase(dir.resolve("s"), run, dir.resolve("s/run"));

        assertThat(summary.method()).isEqualTo(SearchSummary.STAIRCASE);
        assertThat(summary.probes()).extracting(SearchSummary.Probe::rateWordsPerS).containsExactly(1_000L, 2_000L,
                4_000L, 8_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(4_000);
        assertThat(summary.lowestFailedRateWordsPerS()).isEqualTo(8_000);
        assertThat(summary.conclusion()).isEqualTo("highest sustained rate within 2.00x");
        assertThat(summary.probes().get(3).run().medianProcessingMs()).isEqualTo(900);
        assertThat(summary.probes()).extracting(SearchSummary.Probe::runDirectory).containsOnly("run");
        assertThat(SearchSummary.read(dir.resolve("s"))).isEqualTo(summary);
    }

    @Test
    void noStepIsSustainedWhenTheRunsCountsWereWrong() throws Exception {
        RunSummary run = withSteps(Fakes.run(at(1_000), true, false, 100), List.of(step(2_000, true)));

        SearchSummary summary = Search.fromStaircase(dir.resolve("s"), run, dir.resolve("s/run"));

        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).startsWith("counts not verified");
    }
}
