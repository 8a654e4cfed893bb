package statelab.benchmarks.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;
import statelab.harness.results.WindowStatistics;

/**
 * The ratios the benchmark document states, each with its spread: a ratio of two points' medians, and the
 * lowest and highest it could be given their windows (the lowest window median of one over the highest of the
 * other, and the other way round). Computed from a profile's results, never typed in.
 */
final class Ratios {

    /** One stated ratio: what it compares, its value and spread, the figures behind it. */
    record Ratio(String name, double value, double low, double high, String figures) {
    }

    private Ratios() {
    }

    /** {@code 170 (160..200)}: a point's median processing with its windows' spread. */
    static String spread(RunSummary run) {
        return String.format("%,d (%,d..%,d)", run.medianProcessingMs(), run.medianProcessingMinMs(),
                run.medianProcessingMaxMs());
    }

    /** {@code a}'s median processing over {@code b}'s, with its spread: {@code 5.47 (4.50..6.31)}. */
    static String ratio(RunSummary a, RunSummary b) {
        Ratio r = of("", a, b);
        return String.format("%.2f (%.2f..%.2f)", r.value(), r.low(), r.high());
    }

    static Ratio of(String name, RunSummary a, RunSummary b) {
        return new Ratio(name, a.medianProcessingMs() / (double) Math.max(1, b.medianProcessingMs()),
                Math.max(1, a.medianProcessingMinMs()) / (double) Math.max(1, b.medianProcessingMaxMs()),
                Math.max(1, a.medianProcessingMaxMs()) / (double) Math.max(1, b.medianProcessingMinMs()),
                spread(a) + " ms / " + spread(b) + " ms");
    }

    /** The ratios the targets and the document state, those the results hold. */
    static List<Ratio> compute(Path dir) {
        List<Ratio> ratios = new ArrayList<>();
        List<RunSummary> sweep = Files.isRegularFile(dir.resolve(Json.SUMMARY_FILE)) ? SweepSummary.read(dir).runs()
                : List.of();
        Optional<RunSummary> update = find(sweep, "update-state", ProfilePlan.COMPARE_AT_KEYS);
        Optional<RunSummary> map = find(sweep, "map-with-state", ProfilePlan.COMPARE_AT_KEYS);
        if (update.isPresent() && map.isPresent()) {
            ratios.add(of("updateStateByKey / mapWithState at 1 M keys", update.get(), map.get()));
        }
        flatness(sweep).ifPresent(ratios::add);
        baseline(dir).ifPresent(ratios::add);
        return ratios;
    }

    /** mapWithState's normal batches from 10 k to 1 M keys: the slowest point's median over the fastest's. */
    static Optional<Ratio> flatness(List<RunSummary> sweep) {
        List<RunSummary> flat = sweep.stream().filter(r -> r.variant().equals("map-with-state")
                && r.keys() >= 10_000 && r.keys() <= 1_000_000).sorted(Comparator.comparingLong(RunSummary::keys))
                .toList();
        if (flat.size() < 2 || flat.get(0).keys() != 10_000 || flat.get(flat.size() - 1).keys() != 1_000_000) {
            return Optional.empty();
        }
        RunSummary slow = flat.stream().max(Comparator.comparingLong(RunSummary::medianProcessingMs)).orElseThrow();
        RunSummary fast = flat.stream().min(Comparator.comparingLong(RunSummary::medianProcessingMs)).orElseThrow();
        Ratio r = of("", slow, fast);
        return Optional.of(new Ratio(String.format("mapWithState slowest / fastest point from 10 k to 1 M keys "
                + "(%,d / %,d keys)", slow.keys(), fast.keys()), r.value(), r.low(), r.high(), String.join(", ",
                flat.stream().map(p -> String.format("%,d keys %s ms", p.keys(), spread(p))).toList())));
    }

    /** stateless over the bare job: the median of their window medians over every round. */
    static Optional<Ratio> baseline(Path dir) {
        List<Long> stateless = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int round = 1; Files.isRegularFile(ProfilePlan.baselineRound(dir, round).resolve(Json.SUMMARY_FILE));
                round++) {
            for (RunSummary run : SweepSummary.read(ProfilePlan.baselineRound(dir, round)).runs()) {
                List<Long> medians = run.windowFigures().stream().map(RunSummary.Window::medianProcessingMs).toList();
                (run.variant().equals("stateless") ? stateless : bare).addAll(medians);
            }
        }
        if (stateless.isEmpty() || bare.isEmpty()) {
            return Optional.empty();
        }
        long s = WindowStatistics.median(stateless);
        long b = WindowStatistics.median(bare);
        long sMin = stateless.stream().mapToLong(Long::longValue).min().orElseThrow();
        long sMax = stateless.stream().mapToLong(Long::longValue).max().orElseThrow();
        long bMin = bare.stream().mapToLong(Long::longValue).min().orElseThrow();
        long bMax = bare.stream().mapToLong(Long::longValue).max().orElseThrow();
        return Optional.of(new Ratio("stateless / bare socketTextStream(...).reduceByKey job", s / (double) b,
                sMin / (double) Math.max(1, bMax), sMax / (double) Math.max(1, bMin),
                String.format("window medians over %d runs each: stateless %,d (%,d..%,d) ms, bare %,d (%,d..%,d) ms",
                        stateless.size() / ProfilePlan.WINDOWS, s, sMin, sMax, b, bMin, bMax)));
    }

    private static Optional<RunSummary> find(List<RunSummary> runs, String variant, long keys) {
        return runs.stream().filter(r -> r.variant().equals(variant) && r.keys() == keys).findFirst();
    }

    static String markdown(List<Ratio> ratios) {
        if (ratios.isEmpty()) {
            return "(not measured in these results)\n";
        }
        StringBuilder out = new StringBuilder("| ratio | value | spread (windows) | from |\n| --- | ---: | ---: | --- "
                + "|\n");
        for (Ratio r : ratios) {
            out.append(String.format("| %s | %.2f | %.2f..%.2f | %s |%n", r.name(), r.value(), r.low(), r.high(),
                    r.figures()));
        }
        return out.toString();
    }
}
