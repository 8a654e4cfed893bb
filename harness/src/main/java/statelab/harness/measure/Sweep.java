package statelab.harness.measure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import statelab.core.LabException;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/**
 * Runs a list of experiments into one directory: {@code runs/<label>-<keys>keys/} per run and a
 * {@code summary.json} of them all, rewritten after every run. Resumable: a run whose directory already holds
 * a usable summary with the same settings is kept, not run again (a run whose counts were not verified is run
 * again, unless it was stopped on purpose because it fell behind). Each run goes through the {@link Runner}
 * given: its own JVM (like a JMH fork), or this one.
 *
 * <p>With {@code stopWhenBehind}, each variant's key counts are a walk: once a run of a variant falls behind,
 * its larger key counts are not run (they would only fall further behind).
 */
public final class Sweep {

    private Sweep() {
    }

    public static SweepSummary run(Path dir, List<RunSettings> experiments, Runner runner, PrintStream out)
            throws Exception {
        return run(dir, experiments, runner, false, variant -> 0, out);
    }

    /**
     * As above; with {@code stopWhenBehind} a variant's walk over key counts ends at its first run that falls
     * behind at or above {@code walkAtLeastToKeys} keys of that variant (a point that must be measured, behind
     * or not).
     */
    public static SweepSummary run(Path dir, List<RunSettings> experiments, Runner runner, boolean stopWhenBehind,
                                   ToLongFunction<String> walkAtLeastToKeys, PrintStream out) throws Exception {
        if (experiments.isEmpty()) {
            throw new LabException("nothing to run");
        }
        for (RunSettings settings : experiments) {
            settings.validate();
        }
        RunSettings first = experiments.get(0);
        List<String> labels = experiments.stream().map(RunSettings::label).distinct().toList();
        List<Long> keys = experiments.stream().map(RunSettings::keys).distinct().toList();
        checkDirectory(dir, first);

        List<RunSummary> done = new ArrayList<>();
        int number = 0;
        int failures = 0;
        Map<String, Long> behindAt = new HashMap<>();
        for (RunSettings settings : experiments) {
            number++;
            Path runDir = dir.resolve("runs").resolve(RunSummary.directoryName(settings.label(), settings.keys()));
            String label = String.format("%s at %,d keys", settings.label(), settings.keys());
            Long behind = behindAt.get(settings.label());
            if (stopWhenBehind && behind != null && settings.keys() > behind
                    && settings.keys() > walkAtLeastToKeys.applyAsLong(settings.variant())) {
                out.printf("%s %s: not run (fell behind at %,d keys)%n", progress(number, experiments.size()), label,
                        behind);
                continue;
            }
            RunSummary kept = finishedRun(runDir, settings);
            long startMs = System.currentTimeMillis();
            RunSummary summary;
            if (kept != null && kept.usable()) {
                summary = kept;
                out.println(progress(number, experiments.size()) + " " + label + ": kept from an earlier sweep");
            } else {
                out.println(progress(number - 1, experiments.size()) + " " + label + " ...");
                try {
                    summary = runner.run(settings, runDir);
                } catch (RunFailedException e) {
                    failures++;
                    out.println(progress(number, experiments.size()) + " " + label + ": FAILED: " + e.getMessage());
                    continue;
                }
                out.printf("%s %s: median processing %d ms, median total delay %d ms, %s, counts %s (%d s)%n",
                        progress(number, experiments.size()), label, summary.medianProcessingMs(),
                        summary.medianTotalDelayMs(), summary.keepingUp() ? "keeping up" : "FALLING BEHIND",
                        summary.countsVerified() ? "verified" : "NOT verified",
                        (System.currentTimeMillis() - startMs) / 1000);
            }
            done.add(summary);
            if (!summary.keepingUp() && settings.keys() >= walkAtLeastToKeys.applyAsLong(settings.variant())) {
                behindAt.merge(settings.label(), settings.keys(), Math::min);
            }
            new SweepSummary(SweepSummary.FORMAT, labels, keys, first.rateWordsPerS(), first.batchMs(),
                    first.measureMs(), done).write(dir);
        }
        if (failures > 0) {
            throw new RunFailedException(failures + " of " + experiments.size() + " runs failed (see run.log in "
                    + "their directories below " + dir.resolve("runs") + ")");
        }
        return SweepSummary.read(dir);
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
