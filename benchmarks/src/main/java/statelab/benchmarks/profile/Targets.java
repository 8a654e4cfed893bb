package statelab.benchmarks.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * The profile's targets, checked against its results files (never against figures typed in): writes
 * {@code targets.md} (the table BENCHMARKS.md shows) and {@code targets.json}. A target whose figure is missing
 * (its step was not run, or its run never happened) is "not measured", which is not met.
 */
public final class Targets {

    /** One row: what was aimed at, what was measured, whether that meets it. */
    public record Target(String target, String measured, boolean met) {
    }

    static final long LOADGEN_MIN_WORDS_PER_S = 20_000_000;
    static final double LOADGEN_MAX_LAG_P99_MS = 5;
    static final double STATELESS_MAX_RATIO = 1.10;
    static final double UPDATE_OVER_MAPWITHSTATE_MIN = 3;
    static final double MAPWITHSTATE_FLAT_MAX = 1.5;
    static final long STATE_TARGET_KEYS = 10_000_000;
    static final double PROFILE_MAX_S = 20 * 60;
    /** Without a receiver, map-with-state on the replay source sustains at least this much at 10 k keys. */
    static final long MAPWITHSTATE_REPLAY_MIN_WORDS_PER_S = 4_000_000;

    /** map-with-state's p99 word latency at its shortest sustained interval (10 k keys, the sweep's rate). */
    static final long MAPWITHSTATE_LATENCY_P99_MAX_MS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Targets() {
    }

    public static List<Target> compute(Path dir) throws IOException {
        List<Target> targets = new ArrayList<>();
        JsonNode loadgen = readTree(dir.resolve("loadgen").resolve("summary.json"));
        long maxWords = loadgen == null ? -1 : loadgen.path("maxWordsPerS").asLong(-1);
        targets.add(new Target("load generator: >= 20 M words/s to one reader on loopback",
                maxWords < 0 ? "not measured" : String.format("%,d words/s", maxWords),
                maxWords >= LOADGEN_MIN_WORDS_PER_S));
        double lag = loadgen == null ? -1 : loadgen.path("lagP99MsAt1MWordsPerS").asDouble(-1);
        targets.add(new Target("load generator: p99 lag behind schedule < 5 ms at 1 M words/s",
                lag < 0 ? "not measured" : String.format("%.2f ms", lag), lag >= 0 && lag < LOADGEN_MAX_LAG_P99_MS));

        targets.add(baseline(dir));

        List<RunSummary> sweep = runs(dir);
        List<Ratios.Ratio> ratios = Ratios.compute(dir);
        Optional<Ratios.Ratio> updateOverMap = ratios.stream()
                .filter(r -> r.name().startsWith("updateStateByKey / mapWithState")).findFirst();
        targets.add(new Target("at 1 M keys: updateStateByKey / mapWithState median processing >= 3",
                updateOverMap.map(Targets::describe).orElse("not measured"),
                updateOverMap.map(r -> r.value() >= UPDATE_OVER_MAPWITHSTATE_MIN).orElse(false)));
        Optional<Ratios.Ratio> flat = Ratios.flatness(sweep);
        targets.add(new Target("mapWithState flat within 1.5x from 10 k to 1 M keys",
                flat.map(Targets::describe).orElse("not measured"),
                flat.map(r -> r.value() <= MAPWITHSTATE_FLAT_MAX).orElse(false)));
        targets.add(replayRate(dir));
        targets.add(latency(DocTables.intervalSearches(dir)));
        List<RunSummary> tenMillion = TenMillionKeys.runs(dir.resolve(TenMillionKeys.STEP));
        for (String variant : List.of("map-with-state", "structured-rocksdb")) {
            List<RunSummary> walk = new ArrayList<>(sweep);
            walk.addAll(tenMillion);
            targets.add(keepsKeys(walk, variant));
        }

        targets.add(profileTime(BenchmarkProfile.Invocations.read(dir.resolve("profile.json")).invocations()));
        return targets;
    }

    /**
     * The first invocation that ran every step of {@code all}: its wall time from the build's start to the targets
     * table, with the longest steps named.
     */
    static Target profileTime(List<BenchmarkProfile.Invocation> invocations) {
        String target = "the whole profile within 20 minutes on 2 cores";
        Optional<BenchmarkProfile.Invocation> full = invocations.stream()
                .filter(i -> i.steps().equals(BenchmarkProfile.STEPS) && i.totalSeconds() >= 0).findFirst();
        if (full.isEmpty()) {
            return new Target(target, partialProfileTime(invocations), false);
        }
        BenchmarkProfile.Invocation first = full.get();
        return new Target(target, String.format("%.1f min (build start to this table; %s)", first.totalSeconds() / 60,
                longestSteps(first)), first.totalSeconds() <= PROFILE_MAX_S);
    }

    private static String longestSteps(BenchmarkProfile.Invocation invocation) {
        StringBuilder steps = new StringBuilder();
        invocation.stepSeconds().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3).forEach(e -> steps.append(steps.length() == 0 ? "" : ", ")
                        .append(String.format("%s %.1f min", e.getKey(), e.getValue() / 60)));
        return steps.toString();
    }

    /**
     * No invocation ran today's steps: the latest one that ran all but some of them (steps added since), with the time
     * each missing step took when it ran on its own (summed over the invocations that resumed it); not a figure for
     * the whole profile, so never met.
     */
    private static String partialProfileTime(List<BenchmarkProfile.Invocation> invocations) {
        List<String> all = BenchmarkProfile.STEPS;
        Optional<BenchmarkProfile.Invocation> widest = invocations.stream().filter(i -> i.totalSeconds() >= 0
                && all.containsAll(i.steps()) && i.steps().size() > all.size() / 2)
                .reduce((a, b) -> b.steps().size() >= a.steps().size() ? b : a);
        if (widest.isEmpty()) {
            return "not measured";
        }
        BenchmarkProfile.Invocation run = widest.get();
        List<String> missing = BenchmarkProfile.STEPS.stream().filter(step -> !run.steps().contains(step)).toList();
        StringBuilder alone = new StringBuilder();
        for (String step : missing) {
            List<Double> times = invocations.stream().filter(i -> i.stepSeconds().containsKey(step))
                    .map(i -> i.stepSeconds().get(step)).toList();
            if (!times.isEmpty()) {
                alone.append(String.format(", %s %.1f min on its own%s", step,
                        times.stream().mapToDouble(Double::doubleValue).sum() / 60,
                        times.size() > 1 ? " (in " + times.size() + " invocations, resumed)" : ""));
            }
        }
        return String.format("not measured on every step in one run: %.1f min without %s (%s)%s",
                run.totalSeconds() / 60, String.join(", ", missing), longestSteps(run), alone);
    }

    /** map-with-state's highest sustained rate at 10 k keys on the replay source: the sweep's staircase. */
    static Target replayRate(Path dir) {
        String target = String.format("map-with-state on the replay source sustains >= %,d words/s at 10 k keys",
                MAPWITHSTATE_REPLAY_MIN_WORDS_PER_S);
        Path search = dir.resolve("search").resolve(RunSummary.directoryName("map-with-state", 10_000));
        if (!SearchSummary.isSearch(search)) {
            return new Target(target, "not measured", false);
        }
        SearchSummary found = SearchSummary.read(search);
        long highest = found.highestSustainedRateWordsPerS();
        String failed = found.lowestFailedRateWordsPerS() < 0 ? "" : String.format(", not sustained: %,d words/s",
                found.lowestFailedRateWordsPerS());
        return new Target(target, String.format("highest sustained %,d words/s%s", highest, failed),
                highest >= MAPWITHSTATE_REPLAY_MIN_WORDS_PER_S);
    }

    /** map-with-state's p99 word latency at the shortest interval it sustains, from the {@code intervals} step. */
    static Target latency(List<IntervalSearchSummary> searches) {
        String target = String.format("map-with-state at 10 k keys, 30,000 words/s: p99 word latency < %,d ms at its "
                + "shortest sustained interval", MAPWITHSTATE_LATENCY_P99_MAX_MS);
        Optional<IntervalSearchSummary.Probe> best = searches.stream()
                .filter(s -> s.label().equals("map-with-state")).map(IntervalSearchSummary::shortestSustained)
                .filter(java.util.Objects::nonNull).findFirst();
        if (best.isEmpty()) {
            return new Target(target, "not measured", false);
        }
        RunSummary run = best.get().run();
        return new Target(target, String.format("%,d ms batches: p99 %,d ms (p50 %,d ms)", best.get().batchMs(),
                run.latencyP99Ms(), run.latencyP50Ms()), run.latencyP99Ms() >= 0
                && run.latencyP99Ms() < MAPWITHSTATE_LATENCY_P99_MAX_MS);
    }

    /** A ratio as a target shows it: its value, its spread over the windows, and the figures behind it. */
    static String describe(Ratios.Ratio r) {
        return String.format("%.2f (windows: %.2f..%.2f): %s", r.value(), r.low(), r.high(), r.figures());
    }

    /** stateless against the bare job: the median of their window medians over every round. */
    static Target baseline(Path dir) {
        String target = "stateless within 10% of the bare socketTextStream(...).reduceByKey job";
        Optional<Ratios.Ratio> ratio = Ratios.baseline(dir);
        return new Target(target, ratio.map(Targets::describe).orElse("not measured"),
                ratio.map(r -> r.value() <= STATELESS_MAX_RATIO).orElse(false));
    }

    /** Whether the variant kept up at 10 M keys; else the largest key count it kept up at, and where it fell behind. */
    private static Target keepsKeys(List<RunSummary> sweep, String variant) {
        String target = variant + " keeps 10 M keys with 1 s batches";
        List<RunSummary> walk = sweep.stream().filter(r -> r.variant().equals(variant))
                .sorted(Comparator.comparingLong(RunSummary::keys)).toList();
        Optional<RunSummary> at10m = walk.stream().filter(r -> r.keys() == STATE_TARGET_KEYS).findFirst();
        if (at10m.isPresent() && at10m.get().keepingUp()) {
            RunSummary r = at10m.get();
            String checkpoints = r.medianCheckpointProcessingMs() < 0 ? "" : String.format(
                    ", checkpoint batches %,d ms every %d batches", r.medianCheckpointProcessingMs(),
                    r.checkpointEveryBatches());
            return new Target(target, String.format("kept up: median normal batch %,d ms%s, p99 total delay %,d ms",
                    r.medianNormalProcessingMs(), checkpoints, r.p99TotalDelayMs()), true);
        }
        long keptUpTo = walk.stream().filter(RunSummary::keepingUp).mapToLong(RunSummary::keys).max().orElse(-1);
        Optional<RunSummary> behind = walk.stream().filter(r -> !r.keepingUp()).findFirst();
        String measured = (keptUpTo < 0 ? "kept up at no key count measured" : String.format("kept up to %,d keys",
                keptUpTo)) + behind.map(r -> "; fell behind at " + behindAt(r)).orElse("")
                + at10m.filter(r -> behind.isPresent() && r != behind.get()).map(r -> "; at " + behindAt(r)).orElse("");
        return new Target(target, walk.isEmpty() ? "not measured" : measured, false);
    }

    private static String behindAt(RunSummary r) {
        return String.format("%,d keys: median processing %,d ms, max scheduling delay %,d ms", r.keys(),
                r.medianProcessingMs(), r.maxSchedulingDelayMs());
    }

    private static Optional<RunSummary> find(List<RunSummary> runs, String variant, long keys) {
        return runs.stream().filter(r -> r.variant().equals(variant) && (keys < 0 || r.keys() == keys)).findFirst();
    }

    private static List<RunSummary> runs(Path dir) {
        return Files.isRegularFile(dir.resolve(Json.SUMMARY_FILE)) ? SweepSummary.read(dir).runs() : List.of();
    }

    private static JsonNode readTree(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
    }

    /** Computes the targets and writes targets.md and targets.json into {@code dir}. */
    public static List<Target> write(Path dir, PrintStream log) throws IOException {
        List<Target> targets = compute(dir);
        Json.write(dir.resolve("targets.json"), targets);
        String table = markdown(targets);
        Files.writeString(dir.resolve("targets.md"), table, StandardCharsets.UTF_8);
        log.print(table);
        return targets;
    }

    static String markdown(List<Target> targets) {
        StringBuilder out = new StringBuilder("| target | measured | met |\n| --- | --- | --- |\n");
        for (Target t : targets) {
            out.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }
}
