package statelab.harness.measure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import statelab.core.LabException;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/**
 * Runs walks into one directory: {@code runs/<label>-<keys>keys/} per point and a {@code summary.json} of every
 * point measured, rewritten after every walk. A walk is a variant (on one source) through its key counts in one
 * JVM; with {@code walkKeys} of one key each, every point is a walk of its own (a fresh JVM per point, as a JMH
 * fork). Each walk goes through the {@link Runner} given. Resumable: a walk whose points already hold usable
 * summaries with the same settings is kept, not run again (a point whose counts were not verified makes its
 * walk run again, unless it was stopped on purpose because it fell behind).
 *
 * <p>A walk ends at its first point that falls behind at or above {@code walkAtLeastToKeys} keys of that variant
 * (larger states would only fall further behind); points measured one JVM each stop the same way when
 * {@code stopWhenBehind}.
 */
public final class Sweep {

    private Sweep() {
    }

    public static SweepSummary run(Path dir, List<RunSettings> points, Runner runner, PrintStream out)
            throws Exception {
        return run(dir, points, runner, false, variant -> 0, out);
    }

    /**
     * Runs every walk of {@code points} (grouped by label and walk, in order).
     *
     * @param stopWhenBehind    for points measured one JVM each: skip a variant's larger key counts once one fell
     *                          behind (a walk always stops at its first point behind)
     * @param walkAtLeastToKeys per variant, the key count a walk or a sequence of fresh JVMs goes on to even when
     *                          behind (a point that must be measured)
     */
    public static SweepSummary run(Path dir, List<RunSettings> points, Runner runner, boolean stopWhenBehind,
                                   ToLongFunction<String> walkAtLeastToKeys, PrintStream out) throws Exception {
        if (points.isEmpty()) {
            throw new LabException("nothing to run");
        }
        for (RunSettings settings : points) {
            settings.validate();
        }
        RunSettings first = points.get(0);
        checkDirectory(dir, first);
        List<List<RunSettings>> walks = walks(points);
        List<RunSummary> done = new ArrayList<>();
        int number = 0;
        int failures = 0;
        Map<String, Long> behindAt = new LinkedHashMap<>();
        for (List<RunSettings> walk : walks) {
            number++;
            RunSettings head = walk.get(0);
            long atLeast = walkAtLeastToKeys.applyAsLong(head.variant());
            String label = walk.size() == 1 ? String.format("%s at %,d keys", head.label(), head.keys())
                    : String.format("%s through %s keys", head.label(), head.walkKeys());
            Long behind = behindAt.get(head.label());
            if (stopWhenBehind && behind != null && head.keys() > behind && head.keys() > atLeast) {
                out.printf("%s %s: not run (fell behind at %,d keys)%n", progress(number, walks.size()), label,
                        behind);
                continue;
            }
            List<RunSummary> measured = finishedWalk(dir, walk);
            long startMs = System.currentTimeMillis();
            if (measured != null) {
                out.println(progress(number, walks.size()) + " " + label + ": kept from an earlier sweep");
            } else {
                out.println(progress(number - 1, walks.size()) + " " + label + " ...");
                try {
                    measured = runner.run(walk, atLeast, walkDirectory(dir, walk));
                } catch (RunFailedException e) {
                    failures++;
                    out.println(progress(number, walks.size()) + " " + label + ": FAILED: " + e.getMessage());
                    continue;
                }
                for (RunSummary summary : measured) {
                    out.printf("%s %s at %,d keys: median processing %d ms (%d..%d), median total delay %d ms, %s, "
                                    + "counts %s%n", progress(number, walks.size()), summary.label(), summary.keys(),
                            summary.medianProcessingMs(), summary.medianProcessingMinMs(),
                            summary.medianProcessingMaxMs(), summary.medianTotalDelayMs(),
                            summary.keepingUp() ? "keeping up" : "FALLING BEHIND",
                            summary.countsVerified() ? "verified" : "NOT verified");
                }
                out.printf("%s %s: %d s%n", progress(number, walks.size()), label,
                        (System.currentTimeMillis() - startMs) / 1000);
            }
            for (RunSummary summary : measured) {
                done.removeIf(r -> r.label().equals(summary.label()) && r.keys() == summary.keys());
                done.add(summary);
                if (!summary.keepingUp() && summary.keys() >= atLeast) {
                    behindAt.merge(summary.label(), summary.keys(), Math::min);
                }
            }
            record(dir, first, done);
        }
        if (failures > 0) {
            throw new RunFailedException(failures + " of " + walks.size() + " walks failed (see the logs below "
                    + dir + ")");
        }
        return SweepSummary.read(dir);
    }

    /** The points grouped into walks: consecutive points of one label and one walk. */
    static List<List<RunSettings>> walks(List<RunSettings> points) {
        List<List<RunSettings>> walks = new ArrayList<>();
        for (RunSettings point : points) {
            List<RunSettings> last = walks.isEmpty() ? null : walks.get(walks.size() - 1);
            if (last != null && !point.alone() && last.get(0).label().equals(point.label())
                    && last.get(0).walkKeys().equals(point.walkKeys())) {
                last.add(point);
            } else {
                walks.add(new ArrayList<>(List.of(point)));
            }
        }
        return walks;
    }

    /** Where a walk's files go: the sweep's directory for a walk, its point's directory for a point alone. */
    static Path walkDirectory(Path dir, List<RunSettings> walk) {
        RunSettings head = walk.get(0);
        return head.alone() ? dir.resolve("runs").resolve(RunSummary.directoryName(head.label(), head.keys())) : dir;
    }

    /** Writes the sweep's summary of {@code runs}, ordered by label and keys. */
    public static void record(Path dir, RunSettings any, List<RunSummary> runs) throws IOException {
        List<RunSummary> ordered = new ArrayList<>(runs);
        List<String> labels = ordered.stream().map(RunSummary::label).distinct().toList();
        ordered.sort(java.util.Comparator.comparingInt((RunSummary r) -> labels.indexOf(r.label()))
                .thenComparingLong(RunSummary::keys));
        new SweepSummary(SweepSummary.FORMAT, labels, ordered.stream().map(RunSummary::keys).distinct().sorted()
                .toList(), any.rateWordsPerS(), any.batchMs(), any.measureMs(), ordered).write(dir);
    }

    /**
     * The walk's earlier points if it was made with these settings and finished: every point usable, up to one
     * that fell behind where the walk stopped. Null when it must run (again).
     */
    static List<RunSummary> finishedWalk(Path dir, List<RunSettings> walk) {
        List<RunSummary> runs = new ArrayList<>();
        for (RunSettings point : walk) {
            Path pointDir = dir.resolve("runs").resolve(RunSummary.directoryName(point.label(), point.keys()));
            RunSummary run = finishedRun(pointDir, point);
            if (run == null || !run.usable()) {
                return runs.isEmpty() || runs.get(runs.size() - 1).keepingUp() ? null : runs;
            }
            runs.add(run);
        }
        return runs;
    }

    private static String progress(int done, int all) {
        int width = 20;
        int filled = all == 0 ? width : done * width / all;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + all;
    }

    /** An existing sweep directory must be one of ours with the same load; anything else is left untouched. */
    private static void checkDirectory(Path dir, RunSettings first) {
        OutputDirs.prepare(dir);
        if (Files.exists(dir.resolve(Json.SUMMARY_FILE))) {
            SweepSummary earlier = SweepSummary.read(dir);
            if (earlier.rateWordsPerS() != first.rateWordsPerS() || earlier.batchMs() != first.batchMs()
                    || earlier.measureMs() != first.measureMs()) {
                throw new LabException(dir + " holds a sweep at " + earlier.rateWordsPerS() + " words/s, "
                        + earlier.batchMs() + " ms batches, " + earlier.measureMs() + " ms measured; this one is "
                        + first.rateWordsPerS() + " words/s, " + first.batchMs() + " ms, " + first.measureMs()
                        + " ms: use another --out (nothing was changed)");
            }
        }
    }

    /** The run's earlier summary if it was made with these settings, else null. */
    public static RunSummary finishedRun(Path runDir, RunSettings settings) {
        Path file = runDir.resolve(Json.SUMMARY_FILE);
        if (!RunSummary.FORMAT.equals(Json.formatOf(file))) {
            return null;
        }
        try {
            RunSummary run = Json.read(file, RunSummary.class);
            return settings.madeBy(run) ? run : null;
        } catch (IOException e) {
            return null; // unreadable or half-written: run it again
        }
    }
}
