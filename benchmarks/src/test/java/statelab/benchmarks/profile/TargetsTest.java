package statelab.benchmarks.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.Json;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;
import statelab.harness.results.WordLatency;

/** The targets table is computed from the results files: each row met, missed or not measured as they say. */
class TargetsTest {

    @TempDir
    Path dir;

    private static RunSummary run(String variant, long keys, long rate, long medianMs, long normalMs,
                                  boolean keepingUp) {
        return RunSummary.builder().variant(variant).source("socket").keys(keys).rateWordsPerS(rate).wordsPerLine(10)
                .batchMs(1000).warmupMs(5000).measureMs(10000).master("local[3]").cores(2).partitions(2).seed(1)
                .startedAt("2025-01-01T00:00:00Z").measuredBatches(15).windows(3).windowMs(5_000)
                .windowFigures(List.of(window(medianMs - 10), window(medianMs), window(medianMs + 10)))
                .medianProcessingMinMs(medianMs - 10).medianProcessingMaxMs(medianMs + 10).medianProcessingMs(medianMs)
                .p99ProcessingMs(medianMs).maxProcessingMs(medianMs).medianNormalProcessingMs(normalMs)
                .medianTotalDelayMs(medianMs).p99TotalDelayMs(medianMs).maxSchedulingDelayMs(0).keepingUp(keepingUp)
                .outcome(Outcome.VERIFIED, "").wordsSent(1000).distinctKeys(keys).loadgenLagP99Ms(0.1)
                .checkpointEveryBatches(10).build();
    }

    private static RunSummary.Window window(long medianMs) {
        return new RunSummary.Window(5, medianMs, medianMs, medianMs, 0, 0, true);
    }

    private void sweep(Path at, long rate, List<RunSummary> runs) throws Exception {
        Files.createDirectories(at);
        new SweepSummary(SweepSummary.FORMAT, runs.stream().map(RunSummary::variant).distinct().toList(),
                runs.stream().map(RunSummary::keys).distinct().toList(), rate, 1000, 10000, runs).write(at);
    }

    private static Targets.Target row(List<Targets.Target> targets, String start) {
        return targets.stream().filter(t -> t.target().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void nothingMeasuredMeetsNothing() throws Exception {
        List<Targets.Target> targets = Targets.compute(dir);
        assertThat(targets).hasSize(10).allSatisfy(t -> {
            assertThat(t.met()).as(t.target()).isFalse();
        });
        assertThat(row(targets, "at 1 M keys").measured()).isEqualTo("not measured");
        assertThat(row(targets, "map-with-state on the replay source").measured()).isEqualTo("not measured");
        assertThat(row(targets, "map-with-state at 10 k keys, 30,000 words/s: p99 word latency").measured())
                .isEqualTo("not measured");
    }

    /** map-with-state's interval search: {@code p99s} at 500, 250 and 100 ms batches, 100 ms not sustained. */
    private void intervalSearch(long... p99s) throws Exception {
        long[] batchMs = {500, 250, 100};
        List<IntervalSearchSummary.Probe> probes = new ArrayList<>();
        for (int i = 0; i < batchMs.length; i++) {
            RunSummary probe = run("map-with-state", 10_000, 30_000, batchMs[i] / 2, batchMs[i] / 2, i < 2)
                    .toBuilder().source("replay").batchMs(batchMs[i])
                    .latency(new WordLatency.Figures(p99s[i] / 2, p99s[i], p99s[i] + 50, p99s[i] + 80, null, ""))
                    .build();
            probes.add(new IntervalSearchSummary.Probe(batchMs[i], i < 2, "probes/" + batchMs[i], probe));
        }
        Path search = ProfilePlan.intervalDirectory(dir, "map-with-state");
        Files.createDirectories(search);
        Json.write(search.resolve(Json.SUMMARY_FILE), new IntervalSearchSummary(IntervalSearchSummary.FORMAT,
                "map-with-state", "replay", 10_000, 30_000, List.of(500L, 250L, 100L), probes, 250,
                "the next shorter interval was not sustained"));
    }

    @Test
    void theLatencyTargetIsReadAtTheShortestSustainedInterval() throws Exception {
        intervalSearch(700, 450, 9_000);

        Targets.Target latency = row(Targets.compute(dir), "map-with-state at 10 k keys, 30,000 words/s: p99");

        assertThat(latency.measured()).isEqualTo("250 ms batches: p99 450 ms (p50 225 ms)");
        assertThat(latency.met()).isTrue();
    }

    @Test
    void aP99AtTheLimitMissesTheLatencyTarget() throws Exception {
        intervalSearch(700, 500, 300);

        Targets.Target latency = row(Targets.compute(dir), "map-with-state at 10 k keys, 30,000 words/s: p99");

        assertThat(latency.measured()).startsWith("250 ms batches: p99 500 ms");
        assertThat(latency.met()).isFalse();
    }

    @Test
    void computesEachTargetFromTheFiles() throws Exception {
        Files.createDirectories(dir.resolve("loadgen"));
        Json.write(dir.resolve("loadgen/summary.json"),
                new LoadGenLimits.Result(LoadGenLimits.Result.FORMAT, 25_000_000, 100, 4, 0.8, 3.0, 10));
        // Three rounds: stateless 330, 300, 320 ms, bare 290, 310, 280, each as windows 10 ms either side: the
        // window medians' medians are 320 and 290 ms.
        long[][] rounds = {{330, 290}, {300, 310}, {320, 280}};
        for (int i = 0; i < rounds.length; i++) {
            sweep(ProfilePlan.baselineRound(dir, i + 1), 1_000_000, List.of(
                    run("stateless", 10_000, 1_000_000, rounds[i][0], rounds[i][0], true),
                    run(BareSocketWordCount.NAME, 10_000, 1_000_000, rounds[i][1], rounds[i][1], true)));
        }
        List<RunSummary> runs = new ArrayList<>(List.of(
                run("update-state", 10_000, 30_000, 200, 200, true),
                run("update-state", 1_000_000, 30_000, 3_000, 3_000, false),
                run("map-with-state", 10_000, 30_000, 150, 140, true),
                run("map-with-state", 100_000, 30_000, 160, 150, true),
                run("map-with-state", 1_000_000, 30_000, 200, 190, true),
                run("map-with-state", 3_000_000, 30_000, 700, 220, false),
                run("structured-rocksdb", 10_000, 30_000, 500, 500, true)));
        sweep(dir, 30_000, runs);
        Json.write(dir.resolve("profile.json"), new BenchmarkProfile.Invocations(
                BenchmarkProfile.Invocations.FORMAT, List.of(new BenchmarkProfile.Invocation("2025-01-01T00:00:00Z",
                        BenchmarkProfile.STEPS, Map.of("sweep", 1400.0, "jmh", 80.0), 1500.0))));
        // The ten-million step: map-with-state kept up at 10 M keys there.
        sweep(dir.resolve(TenMillionKeys.STEP).resolve("map-with-state"), 30_000,
                List.of(run("map-with-state", 10_000_000, 30_000, 400, 300, true)));
        // ... and structured-rocksdb fell behind there.
        sweep(dir.resolve(TenMillionKeys.STEP).resolve("structured-rocksdb"), 30_000,
                List.of(run("structured-rocksdb", 10_000_000, 30_000, 28_000, 28_000, false)));

        // map-with-state's staircase at 10 k keys: 2 M words/s sustained, 4 M not.
        Path search = dir.resolve("search").resolve(RunSummary.directoryName("map-with-state", 10_000));
        Files.createDirectories(search);
        Json.write(search.resolve(Json.SUMMARY_FILE), new SearchSummary(SearchSummary.FORMAT, "map-with-state",
                10_000, 1000, 20_000, 15_000, null, List.of(), 2_000_000, 4_000_000, "within 2x",
                SearchSummary.STAIRCASE));

        List<Targets.Target> targets = Targets.write(dir, new java.io.PrintStream(new java.io.ByteArrayOutputStream()));

        assertThat(row(targets, "load generator: >=").met()).isTrue();
        assertThat(row(targets, "load generator: p99").met()).isTrue();
        Targets.Target stateless = row(targets, "stateless");
        assertThat(stateless.met()).isFalse(); // 320 / 290 = 1.103
        assertThat(stateless.measured()).isEqualTo("1.10 (windows: 0.91..1.26): window medians over 3 runs each: "
                + "stateless 320 (290..340) ms, bare 290 (270..320) ms");
        Targets.Target ratio = row(targets, "at 1 M keys");
        assertThat(ratio.met()).isTrue();
        assertThat(ratio.measured()).isEqualTo("15.00 (windows: 14.24..15.84): 3,000 (2,990..3,010) ms / 200 "
                + "(190..210) ms");
        Targets.Target flat = row(targets, "mapWithState flat");
        assertThat(flat.met()).isTrue(); // 200 / 150 = 1.33
        assertThat(flat.measured()).startsWith("1.33 (windows: 1.19..1.50): 10,000 keys 150 (140..160) ms");
        Targets.Target keeps = row(targets, "map-with-state keeps");
        assertThat(keeps.met()).isTrue();
        assertThat(keeps.measured()).startsWith("kept up: median normal batch 300 ms");
        Targets.Target rocksDb = row(targets, "structured-rocksdb keeps");
        assertThat(rocksDb.met()).isFalse();
        assertThat(rocksDb.measured()).startsWith("kept up to 10,000 keys; fell behind at 10,000,000 keys: "
                + "median processing 28,000 ms");
        Targets.Target replay = row(targets, "map-with-state on the replay source");
        assertThat(replay.met()).isFalse();
        assertThat(replay.measured())
                .isEqualTo("highest sustained 2,000,000 words/s, not sustained: 4,000,000 words/s");
        Targets.Target time = row(targets, "the whole profile");
        assertThat(time.met()).isFalse();
        assertThat(time.measured()).isEqualTo("25.0 min (build start to this table; sweep 23.3 min, jmh 1.3 min)");
        assertThat(dir.resolve("targets.md")).content()
                .contains("| the whole profile within 20 minutes on 2 cores | 25.0 min");
    }

    @Test
    void theProfileTimeIsTheFirstInvocationOfEveryStep() {
        BenchmarkProfile.Invocation some = new BenchmarkProfile.Invocation("2025-01-01T00:00:00Z",
                List.of("sweep", "report"), Map.of("sweep", 600.0), 610.0);
        BenchmarkProfile.Invocation full = new BenchmarkProfile.Invocation("2025-01-01T01:00:00Z",
                BenchmarkProfile.STEPS, Map.of("sweep", 900.0), 1130.0);
        Targets.Target time = Targets.profileTime(List.of(some, full));
        assertThat(time.met()).isTrue();
        assertThat(time.measured()).isEqualTo("18.8 min (build start to this table; sweep 15.0 min)");
        assertThat(Targets.profileTime(List.of(some)).measured()).isEqualTo("not measured");
    }

    @Test
    void aProfileRunBeforeAStepWasAddedIsNotTheWholeProfile() {
        List<String> withoutLatency = BenchmarkProfile.STEPS.stream().filter(s -> !s.equals("latency")).toList();
        BenchmarkProfile.Invocation before = new BenchmarkProfile.Invocation("2025-01-01T00:00:00Z", withoutLatency,
                Map.of("sweep", 600.0, "recovery", 300.0), 1000.0);
        BenchmarkProfile.Invocation latency = new BenchmarkProfile.Invocation("2025-01-01T01:00:00Z",
                List.of("latency", "targets", "tables"), Map.of("latency", 120.0, "targets", 0.0), 130.0);

        Targets.Target time = Targets.profileTime(List.of(before, latency));

        assertThat(time.met()).isFalse(); // 16.7 + 2.0 min would be under 20, but no run measured them together
        assertThat(time.measured()).isEqualTo("not measured on every step in one run: 16.7 min without latency "
                + "(sweep 10.0 min, recovery 5.0 min), latency 2.0 min on its own");
        BenchmarkProfile.Invocation resumed = new BenchmarkProfile.Invocation("2025-01-01T02:00:00Z",
                List.of("latency", "targets", "tables"), Map.of("latency", 60.0, "targets", 0.0), 70.0);
        assertThat(Targets.profileTime(List.of(before, latency, resumed)).measured()).endsWith("latency 3.0 min on "
                + "its own (in 2 invocations, resumed)");
    }

    @Test
    void aMissingBaselineRoundSideIsNotMeasured() throws Exception {
        sweep(ProfilePlan.baselineRound(dir, 1), 1_000_000,
                List.of(run("stateless", 10_000, 1_000_000, 300, 300, true)));
        assertThat(Targets.baseline(dir).measured()).isEqualTo("not measured");
    }
}
