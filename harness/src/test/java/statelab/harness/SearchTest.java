package statelab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import statelab.core.LabException;

/** The search's walk over rates (with a fake runner), its bad inputs, its report, and one real probe. */
class SearchTest {

    @TempDir
    Path dir;

    private static final Experiment.Settings TEMPLATE = Experiment.Settings.of("map-with-state", 1_000, 1, 500, 500,
            2_500);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true);

    /** A run as a runner would report it: keeping up below {@code limit} words/s, batches slower with the rate. */
    static RunSummary fakeRun(Experiment.Settings s, boolean keepingUp, boolean verified, long medianMs) {
        return new RunSummary(RunSummary.FORMAT, s.variant(), s.keys(), s.rateWordsPerS(), s.wordsPerLine(),
                s.batchMs(), s.warmupMs(), s.measureMs(), "local[3]", s.partitions(), s.effectiveOptions(), s.seed(),
                "2025-01-01T00:00:00Z", 5, medianMs, medianMs, medianMs, medianMs, -1, medianMs, medianMs, 0, 0,
                keepingUp, verified, verified ? "" : "differs", 1000, s.keys(), -1, 0.1, s.checkpointEveryBatches(), 0,
                null, List.of(), 0);
    }

    private static Search.Runner limitedAt(long limit, List<Long> ran) {
        return (settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            RunSummary run = fakeRun(settings, settings.rateWordsPerS() <= limit, true,
                    settings.rateWordsPerS() * 500 / limit);
            Files.createDirectories(runDir);
            SweepSummary.writeJson(runDir.resolve(SweepSummary.FILE), run);
            return run;
        };
    }

    @Test
    void bracketsTheLimitWithinThePrecisionAndResumes() throws Exception {
        List<Long> ran = new ArrayList<>();
        Search.Bounds bounds = new Search.Bounds(100_000, 1_000, 20_000_000, 4, 2, 8);
        Search.Summary summary = Search.run(dir, TEMPLATE, bounds, null, limitedAt(700_000, ran), QUIET);

        // 100k ok, 400k ok, 1.6M no, then the geometric mean 800k no: bracket [400k, 800k] within 2x.
        assertThat(ran).containsExactly(100_000L, 400_000L, 1_600_000L, 800_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(400_000);
        assertThat(summary.lowestFailedRateWordsPerS()).isEqualTo(800_000);
        assertThat(summary.conclusion()).contains("within 2.00x");
        assertThat(Search.Summary.read(dir).probes()).hasSize(4);

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
        Search.Runner stateBound = (settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            return fakeRun(settings, false, true, 3_000); // 3 s per batch at any rate
        };
        Search.Summary summary = Search.run(dir, TEMPLATE, new Search.Bounds(100_000, 1_000, 1_000_000, 4, 2, 8),
                null, stateBound, QUIET);
        assertThat(ran).containsExactly(100_000L, 25_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).startsWith("not rate-bound");
    }

    @Test
    void countsThatDifferAreNotSustainedAndProbesAreBounded() throws Exception {
        List<Long> ran = new ArrayList<>();
        Search.Runner wrong = (settings, runDir) -> {
            ran.add(settings.rateWordsPerS());
            return fakeRun(settings, true, false, 100 + settings.rateWordsPerS() / 1000);
        };
        Search.Summary summary = Search.run(dir, TEMPLATE, new Search.Bounds(100_000, 1_000, 1_000_000, 4, 2, 2),
                null, wrong, QUIET);
        assertThat(ran).hasSize(2);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).isEqualTo("stopped after 2 probes");
    }

    @Test
    void aLaggingGeneratorMeansNotSustained() {
        RunSummary run = fakeRun(TEMPLATE.withRate(1_000), true, true, 100);
        assertThat(Search.sustained(run)).isTrue();
        RunSummary lagging = new RunSummary(run.format(), run.variant(), run.keys(), run.rateWordsPerS(),
                run.wordsPerLine(), run.batchMs(), run.warmupMs(), run.measureMs(), run.master(), run.partitions(),
                run.options(), run.seed(), run.startedAt(), run.measuredBatches(), run.medianProcessingMs(),
                run.p99ProcessingMs(), run.maxProcessingMs(), run.medianNormalProcessingMs(),
                run.medianCheckpointProcessingMs(), run.medianTotalDelayMs(), run.p99TotalDelayMs(),
                run.maxSchedulingDelayMs(), run.schedulingDelaySlopeMsPerBatch(), run.keepingUp(), run.countsVerified(),
                run.countsNote(), run.wordsSent(), run.distinctKeys(), run.stateBytesAtEnd(), 2_000, 10, 0, null, List.of(),
                0);
        assertThat(Search.sustained(lagging)).isFalse();
    }

    @Test
    void reusesASweepRunAsAProbe() throws Exception {
        Path sweep = dir.resolve("sweep");
        Experiment.Settings atSweepRate = TEMPLATE.withRate(30_000);
        Path runDir = sweep.resolve("runs").resolve(RunSummary.directoryName("map-with-state", 1_000));
        Files.createDirectories(runDir);
        SweepSummary.writeJson(runDir.resolve(SweepSummary.FILE), fakeRun(atSweepRate, true, true, 100));

        List<Long> ran = new ArrayList<>();
        Search.Summary summary = Search.run(dir.resolve("search"), TEMPLATE,
                new Search.Bounds(30_000, 1_000, 1_000_000, 4, 2, 8), sweep, limitedAt(200_000, ran), QUIET);
        assertThat(ran).doesNotContain(30_000L).startsWith(120_000L);
        assertThat(summary.probes().get(0).rateWordsPerS()).isEqualTo(30_000);
    }

    @Test
    void refusesAnotherSearchOrASweepInTheSameDirectory() throws Exception {
        Search.run(dir, TEMPLATE, new Search.Bounds(1_000, 1_000, 1_000, 4, 2, 1), null, limitedAt(5_000, new ArrayList<>()),
                QUIET);
        assertThatThrownBy(() -> Search.run(dir, TEMPLATE.withKeys(2_000), new Search.Bounds(1_000, 1_000, 1_000, 4, 2, 1),
                null, limitedAt(5_000, new ArrayList<>()), QUIET))
                .isInstanceOf(LabException.class).hasMessageContaining("use another --out");
    }

    private static int lab(StringWriter err, String... args) {
        CommandLine cli = Lab.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void badInputGetsOneLineAndExitCode2() {
        String out = dir.resolve("s").toString();
        Map<List<String>, String> cases = Map.of(
                List.of("search", "nope", "--keys", "10k", "--out", out), "unknown variant 'nope'",
                List.of("search", "update-state", "--out", out), "--keys",
                List.of("search", "update-state", "--keys", "10k"), "--out",
                List.of("search", "update-state", "--keys", "10k", "--from", "5k", "--min", "10k", "--out", out),
                "--from (5000) must lie between",
                List.of("search", "update-state", "--keys", "10k", "--factor", "1", "--out", out), "--factor must be greater than 1",
                List.of("search", "update-state", "--keys", "10k", "--precision", "0.5", "--out", out), "--precision",
                List.of("search", "update-state", "--keys", "10k", "--probes", "0", "--out", out), "--probes must be at least 1",
                List.of("search", "update-state", "--keys", "10k", "--min", "2M", "--max", "1M", "--out", out),
                "--max (1000000) is below --min",
                List.of("search", "update-state", "--keys", "10k", "--rate", "5k", "--out", out), "--rate");
        cases.forEach((args, message) -> {
            StringWriter err = new StringWriter();
            int code = lab(err, args.toArray(String[]::new));
            assertThat(code).as(args + ": " + err).isEqualTo(Lab.EXIT_BAD_INPUT);
            assertThat(err.toString().lines().findFirst().orElse("")).as(args.toString()).startsWith("error: ")
                    .contains(message);
        });
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void oneRealProbe() throws Exception {
        StringWriter err = new StringWriter();
        String out = dir.resolve("real").toString();
        int code = lab(err, "search", "update-state", "--keys", "1000", "--from", "20k", "--max", "20k",
                "--batch", "500ms", "--warmup", "500ms", "--measure", "2500ms", "--in-process", "--out", out);
        assertThat(code).as(err.toString()).isZero();
        Search.Summary summary = Search.Summary.read(dir.resolve("real"));
        assertThat(summary.probes()).hasSize(1);
        assertThat(summary.probes().get(0).run().countsVerified()).isTrue();
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(20_000);
        assertThat(summary.conclusion()).contains("highest rate searched");
    }

    @Test
    void theReplaySourceMayLagByTheIntervalItWaitsForTheNextBatch() {
        Experiment.Settings structured = Experiment.Settings.of("structured", 1_000, 1_000, 500, 500, 2_500);
        RunSummary run = fakeRun(structured, true, true, 100);
        assertThat(run.options()).containsEntry("source", "replay");
        assertThat(Search.keptUp(true, 900, 500, run.options())).isTrue();
        assertThat(Search.keptUp(true, 1_100, 500, run.options())).isFalse();
        assertThat(Search.keptUp(true, 900, 500, java.util.Map.of("source", "socket"))).isFalse();
        assertThat(Search.keptUp(true, 900, 500, java.util.Map.of())).isFalse();
    }

    private static RunSummary.Step step(long rate, boolean sustained) {
        return new RunSummary.Step(rate, 5, sustained ? 200 : 900, 900, sustained ? 3 : 2_000, sustained ? 0 : 400,
                sustained, 0.1, sustained, sustained ? "" : "stopped early: scheduling delay 2,000 ms");
    }

    private static RunSummary withSteps(RunSummary run, RateSteps plan, List<RunSummary.Step> steps) {
        return new RunSummary(run.format(), run.variant(), run.keys(), run.rateWordsPerS(), run.wordsPerLine(),
                run.batchMs(), run.warmupMs(), run.measureMs(), run.master(), run.partitions(), run.options(), run.seed(),
                run.startedAt(), run.measuredBatches(), run.medianProcessingMs(), run.p99ProcessingMs(),
                run.maxProcessingMs(), run.medianNormalProcessingMs(), run.medianCheckpointProcessingMs(),
                run.medianTotalDelayMs(), run.p99TotalDelayMs(), run.maxSchedulingDelayMs(),
                run.schedulingDelaySlopeMsPerBatch(), run.keepingUp(), run.countsVerified(), run.countsNote(),
                run.wordsSent(), run.distinctKeys(), run.stateBytesAtEnd(), run.loadgenLagP99Ms(),
                run.checkpointEveryBatches(), 0, plan, steps, 0);
    }

    private static final RateSteps STEPS = new RateSteps(new Search.Bounds(2_000, 1_000, 100_000, 4, 2, 5), 500, 2_500);

    @Test
    void aStaircaseIsASearchWhoseProbesAreItsSteps() throws Exception {
        RunSummary run = withSteps(fakeRun(TEMPLATE.withRate(1_000), true, true, 100), STEPS,
                List.of(step(2_000, true), step(8_000, false), step(4_000, true)));

        Search.Summary summary = Search.fromStaircase(dir.resolve("s"), run, dir.resolve("s/run"));

        assertThat(summary.method()).isEqualTo(Search.Summary.STAIRCASE);
        assertThat(summary.probes()).extracting(Search.Probe::rateWordsPerS).containsExactly(1_000L, 2_000L, 4_000L,
                8_000L);
        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(4_000);
        assertThat(summary.lowestFailedRateWordsPerS()).isEqualTo(8_000);
        assertThat(summary.conclusion()).isEqualTo("highest sustained rate within 2.00x");
        assertThat(summary.probes().get(3).run().medianProcessingMs()).isEqualTo(900);
        assertThat(Search.Summary.read(dir.resolve("s"))).isEqualTo(summary);
    }

    @Test
    void noStepIsSustainedWhenTheRunsCountsWereWrong() throws Exception {
        RunSummary run = withSteps(fakeRun(TEMPLATE.withRate(1_000), true, false, 100), STEPS,
                List.of(step(2_000, true)));

        Search.Summary summary = Search.fromStaircase(dir.resolve("s"), run, dir.resolve("s/run"));

        assertThat(summary.highestSustainedRateWordsPerS()).isEqualTo(-1);
        assertThat(summary.conclusion()).startsWith("counts not verified");
    }

    @Test
    void theNextRateGoesUpByTheFactorThenBisects() {
        java.util.TreeMap<Long, Search.Point> points = new java.util.TreeMap<>();
        Search.Bounds bounds = new Search.Bounds(2_000, 1_000, 100_000, 4, 2, 5);
        points.put(1_000L, new Search.Point(1_000, true, 100));
        assertThat(Search.next(points, bounds)).isEqualTo(new Search.Next(4_000, null));
        points.put(4_000L, new Search.Point(4_000, true, 200));
        points.put(16_000L, new Search.Point(16_000, false, 900));
        assertThat(Search.next(points, bounds)).isEqualTo(new Search.Next(8_000, null));
        points.put(8_000L, new Search.Point(8_000, false, 700));
        assertThat(Search.next(points, bounds).conclusion()).isEqualTo("highest sustained rate within 2.00x");
        points.put(100_000L, new Search.Point(100_000, true, 700));
        assertThat(Search.next(points, bounds).conclusion()).isEqualTo("sustained the highest rate searched (--max)");
    }
}
