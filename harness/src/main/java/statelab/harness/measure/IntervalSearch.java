package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.core.LabException;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.IntervalSearchSummary.Probe;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;

/**
 * Finds the shortest batch interval a variant sustains at one state size and rate: the micro-batch engine's real
 * floor on this machine, and the word latency it gives. Intervals are tried from the longest down, each a full
 * measured run ({@link Experiment}) by the {@link Runner} given; the search stops at the first interval that is not
 * sustained ({@link SearchRule#sustained}: kept up, counts verified, the source not held back): a shorter one has
 * more batches a second to pay the fixed cost of, so it would not be sustained either.
 *
 * <p>The state checkpoint keeps its period in time, not in batches (as Spark's default of about 10 s does): each
 * probe checkpoints every {@code ceil(cycle / interval)} batches, the cycle being the template's batch interval times
 * its {@code checkpointEveryBatches}; a shorter interval is not charged a checkpoint more often.
 *
 * <p>Resumable: a probe directory holding a finished run with the same settings is kept.
 */
public final class IntervalSearch {

    private IntervalSearch() {
    }

    /** The probe directory of an interval: {@code probes/<label>-<keys>keys-<batch>ms}. */
    static Path probeDirectory(Path dir, RunSettings settings) {
        return dir.resolve("probes").resolve(RunSummary.directoryName(settings.label(), settings.keys()) + "-"
                + settings.batchMs() + "ms");
    }

    /**
     * Tries {@code batchMs} (longest first) with {@code template}'s other settings; writes {@code summary.json} into
     * {@code dir} after every probe.
     */
    public static IntervalSearchSummary run(Path dir, RunSettings template, List<Long> batchMs, Runner runner,
                                            PrintStream out) throws Exception {
        checkIntervals(batchMs);
        for (long interval : batchMs) {
            probeSettings(template, interval).validate();
        }
        checkDirectory(dir, template);
        List<Probe> probes = new ArrayList<>();
        String conclusion = null;
        for (int i = 0; i < batchMs.size() && conclusion == null; i++) {
            RunSettings settings = probeSettings(template, batchMs.get(i));
            Path runDir = probeDirectory(dir, settings);
            RunSummary run = Sweep.finishedRun(runDir, settings);
            if (run != null && run.usable()) {
                out.printf("%d ms batches: kept from an earlier search%n", settings.batchMs());
            } else {
                out.printf("probe %d/%d: %s at %,d keys, %,d words/s, %d ms batches ...%n", i + 1, batchMs.size(),
                        settings.label(), settings.keys(), settings.rateWordsPerS(), settings.batchMs());
                run = runner.runOne(settings, runDir);
            }
            boolean sustained = SearchRule.sustained(run);
            out.printf("%d ms batches: median processing %,d ms, %s, counts %s; word latency p50 %,d ms, p99 %,d ms%n",
                    settings.batchMs(), run.medianProcessingMs(), sustained ? "sustained" : "NOT sustained",
                    run.countsVerified() ? "verified" : "not verified", run.latencyP50Ms(), run.latencyP99Ms());
            probes.add(new Probe(settings.batchMs(), sustained, Search.relative(dir, runDir), run));
            if (!sustained) {
                conclusion = i == 0 ? "not sustained even at the longest interval tried"
                        : "the next shorter interval was not sustained";
            } else if (i == batchMs.size() - 1) {
                conclusion = "sustained the shortest interval tried";
            }
            write(dir, template, batchMs, probes, conclusion == null ? "searching" : conclusion);
        }
        IntervalSearchSummary summary = write(dir, template, batchMs, probes, conclusion);
        Probe best = summary.shortestSustained();
        out.printf("%s at %,d keys, %,d words/s: shortest sustained interval %s (%s)%n", template.label(),
                template.keys(), template.rateWordsPerS(), best == null ? "none" : String.format(
                        "%d ms, word latency p50 %,d ms, p99 %,d ms", best.batchMs(), best.run().latencyP50Ms(),
                        best.run().latencyP99Ms()), conclusion);
        return summary;
    }

    /** The template at {@code batchMs}, checkpointing as often in time as the template does. */
    static RunSettings probeSettings(RunSettings template, long batchMs) {
        long cycleMs = template.batchMs() * template.checkpointEveryBatches();
        int every = (int) Math.max(1, (cycleMs + batchMs - 1) / batchMs);
        return template.toBuilder().batchMs(batchMs).checkpointEveryBatches(every).build();
    }

    /** The intervals to try: at least one, each positive, from the longest down. */
    static void checkIntervals(List<Long> batchMs) {
        require(!batchMs.isEmpty(), "no batch interval to try");
        for (int i = 0; i < batchMs.size(); i++) {
            require(batchMs.get(i) > 0, "a batch interval must be positive, got " + batchMs.get(i) + " ms");
            require(i == 0 || batchMs.get(i) < batchMs.get(i - 1), "the intervals must go from the longest down "
                    + "(each shorter than the one before), got " + batchMs + " ms");
        }
    }

    /** The shortest interval sustained with every longer one tried sustained too, or -1. */
    static long shortestSustained(List<Probe> probes) {
        long shortest = -1;
        for (Probe probe : probes) {
            if (!probe.sustained()) {
                break;
            }
            shortest = probe.batchMs();
        }
        return shortest;
    }

    private static IntervalSearchSummary write(Path dir, RunSettings template, List<Long> batchMs, List<Probe> probes,
                                               String conclusion) throws IOException {
        IntervalSearchSummary summary = new IntervalSearchSummary(IntervalSearchSummary.FORMAT, template.variant(),
                template.shape().source().label(), template.keys(),
                template.rateWordsPerS(), batchMs, probes, shortestSustained(probes), conclusion);
        Json.write(dir.resolve(Json.SUMMARY_FILE), summary);
        return summary;
    }

    /** An existing directory must hold an interval search of the same variant, keys and rate; else nothing changes. */
    private static void checkDirectory(Path dir, RunSettings template) {
        OutputDirs.prepare(dir);
        if (Files.exists(dir.resolve(Json.SUMMARY_FILE))) {
            if (!IntervalSearchSummary.isIntervalSearch(dir)) {
                throw new LabException(dir + " holds results that are not an interval search: use another --out "
                        + "(nothing was changed)");
            }
            IntervalSearchSummary earlier = IntervalSearchSummary.read(dir);
            if (!earlier.variant().equals(template.variant()) || earlier.keys() != template.keys()
                    || earlier.rateWordsPerS() != template.rateWordsPerS()) {
                throw new LabException(dir + " holds an interval search of " + earlier.variant() + " at "
                        + earlier.keys() + " keys, " + earlier.rateWordsPerS() + " words/s: use another --out "
                        + "(nothing was changed)");
            }
        }
    }
}
