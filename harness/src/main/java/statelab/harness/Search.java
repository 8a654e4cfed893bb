package statelab.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import statelab.core.LabException;
import statelab.core.StructuredJob;
import statelab.structured.StructuredWordCount;

/**
 * Finds the highest update rate a variant sustains at a given state size, with short measured runs (probes),
 * each a full {@link Experiment} (fill, warm-up, measure, verify) in its own JVM like a sweep's runs.
 *
 * <p>A rate is <em>sustained</em> when its probe keeps up (scheduling delay not growing, median batch within
 * the interval), its counts equal the ledger, and the load generator's p99 lag behind its schedule stayed within
 * one batch interval (so the source read everything as it was sent). The search is bounded: from {@code fromRate} it multiplies the
 * rate by {@code factor} while probes are sustained (up to {@code maxRate}), divides it while they are not (down
 * to {@code minRate}), then bisects (geometric mean) between the highest sustained and the lowest failed rate
 * until they are within {@code precision} of each other. It never runs more than {@code maxProbes} probes, and it
 * stops going down when a lower rate did not make batches at least 10% faster: then the per-batch cost is set by
 * the state, not the rate, and no lower rate will be sustained either.
 *
 * <p>Resumable: a probe directory holding a finished run with the same settings is reused, and so is a matching
 * run of a sweep directory given as {@code reuse}.
 */
public final class Search {

    /** How a search is bounded. Rates in words per second. */
    public record Bounds(long fromRate, long minRate, long maxRate, double factor, double precision, int maxProbes) {
        public void validate() {
            require(minRate > 0, "--min must be positive, got " + minRate);
            require(maxRate >= minRate, "--max (" + maxRate + ") is below --min (" + minRate + ")");
            require(fromRate >= minRate && fromRate <= maxRate,
                    "--from (" + fromRate + ") must lie between --min (" + minRate + ") and --max (" + maxRate + ")");
            require(factor > 1, "--factor must be greater than 1, got " + factor);
            require(precision > 1, "--precision must be greater than 1, got " + precision);
            require(maxProbes >= 1, "--probes must be at least 1, got " + maxProbes);
        }
    }

    /** Runs one probe (a child JVM, in-process, or a fake in tests). */
    @FunctionalInterface
    public interface Runner {
        RunSummary run(Experiment.Settings settings, Path runDir) throws Exception;
    }

    /** One probe: the rate it ran at, whether the rate was sustained, where its run lives, and its summary. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probe(long rateWordsPerS, boolean sustained, String runDirectory, RunSummary run) {
    }

    /**
     * A search's {@code summary.json}. {@code highestSustainedRateWordsPerS} is -1 when no probed rate was
     * sustained, {@code lowestFailedRateWordsPerS} -1 when every probed rate was. {@code method}: {@code probes}
     * (a run per rate) or {@code staircase} (the steps of one run: each probe is a step of the same run, whose
     * counts were verified once at its end).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(String format, String variant, long keys, long batchMs, long warmupMs, long measureMs,
                          Bounds bounds, List<Probe> probes, long highestSustainedRateWordsPerS,
                          long lowestFailedRateWordsPerS, String conclusion, String method) {

        public static final String FORMAT = "statelab-search/1";
        public static final String PROBES = "probes";
        public static final String STAIRCASE = "staircase";

        public Summary {
            method = method == null ? PROBES : method;
        }

        public static Summary read(Path dir) {
            Path file = dir.resolve(SweepSummary.FILE);
            try {
                String format = SweepSummary.JSON.readTree(file.toFile()).path("format").asText("");
                if (!FORMAT.equals(format)) {
                    throw new LabException(file + " has format '" + format + "', not a search (" + FORMAT + ")");
                }
                return SweepSummary.JSON.readValue(file.toFile(), Summary.class);
            } catch (IOException e) {
                throw new LabException(file + " cannot be read: " + e.getMessage(), e);
            }
        }

        /** Whether {@code dir} holds a search's summary. */
        public static boolean isSearch(Path dir) {
            Path file = dir.resolve(SweepSummary.FILE);
            try {
                return Files.isRegularFile(file)
                        && FORMAT.equals(SweepSummary.JSON.readTree(file.toFile()).path("format").asText(""));
            } catch (IOException e) {
                return false;
            }
        }
    }

    private Search() {
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LabException(message);
        }
    }

    /** The probe directory of a rate: {@code probes/<variant>-<keys>keys-<rate>wps}. */
    static Path probeDirectory(Path dir, Experiment.Settings settings) {
        return dir.resolve("probes").resolve(RunSummary.directoryName(settings.variant(), settings.keys()) + "-"
                + settings.rateWordsPerS() + "wps");
    }

    /**
     * Searches and writes {@code summary.json} into {@code dir} after every probe.
     *
     * @param template the probes' settings (its rate is ignored)
     * @param reuse    a sweep directory whose run of this variant and key count counts as a probe, or null
     */
    public static Summary run(Path dir, Experiment.Settings template, Bounds bounds, Path reuse, Runner runner,
                              PrintStream out) throws Exception {
        bounds.validate();
        template.withRate(bounds.fromRate()).validate();
        checkDirectory(dir, template);
        TreeMap<Long, Probe> probes = new TreeMap<>();
        RunSummary reused = reuse == null ? null : reusedRun(reuse, template);
        long rate = bounds.fromRate();
        if (reused != null && reused.rateWordsPerS() >= bounds.minRate() && reused.rateWordsPerS() <= bounds.maxRate()) {
            Path from = SweepSummary.runDirectory(reuse, reused);
            probes.put(reused.rateWordsPerS(), new Probe(reused.rateWordsPerS(), sustained(reused),
                    from.toAbsolutePath().toString(), reused));
            out.printf("%s at %,d keys: %,d words/s %s (kept from %s)%n", template.variant(), template.keys(),
                    reused.rateWordsPerS(), sustained(reused) ? "sustained" : "NOT sustained", from);
        }
        int ran = 0;
        String conclusion = null;
        while (conclusion == null) {
            if (!probes.containsKey(rate)) {
                if (ran >= bounds.maxProbes()) {
                    conclusion = "stopped after " + bounds.maxProbes() + " probes";
                    break;
                }
                ran++;
                probes.put(rate, probe(dir, template.withRate(rate), runner, out, ran, bounds.maxProbes()));
                write(dir, template, bounds, probes, null);
            }
            Next next = next(points(probes), bounds);
            conclusion = next.conclusion();
            rate = next.rateWordsPerS();
        }
        Summary summary = write(dir, template, bounds, probes, conclusion);
        out.printf("%s at %,d keys: highest sustained rate %s (%s)%n", template.variant(), template.keys(),
                summary.highestSustainedRateWordsPerS() < 0 ? "none probed"
                        : String.format("%,d words/s", summary.highestSustainedRateWordsPerS()), conclusion);
        return summary;
    }

    /** A rate tried: whether it was sustained, and its median batch. */
    public record Point(long rateWordsPerS, boolean sustained, long medianProcessingMs) {
    }

    /** What a search does next: try {@code rateWordsPerS}, or stop with {@code conclusion} (then non-null). */
    public record Next(long rateWordsPerS, String conclusion) {
    }

    private static TreeMap<Long, Point> points(TreeMap<Long, Probe> probes) {
        TreeMap<Long, Point> points = new TreeMap<>();
        probes.forEach((rate, p) -> points.put(rate, new Point(rate, p.sustained(), p.run().medianProcessingMs())));
        return points;
    }

    /**
     * The search's rule, given the rates tried so far: up by the factor while everything was sustained, down by it
     * while nothing was (unless a lower rate did not make batches 10% faster: then the state sets the cost), then
     * the geometric mean of the bracket until it is within the precision. Never proposes a rate already tried.
     */
    public static Next next(TreeMap<Long, Point> points, Bounds bounds) {
        Long ok = points.descendingMap().values().stream().filter(Point::sustained).map(Point::rateWordsPerS)
                .findFirst().orElse(null);
        Long bad = points.values().stream().filter(p -> !p.sustained() && (ok == null || p.rateWordsPerS() > ok))
                .map(Point::rateWordsPerS).findFirst().orElse(null);
        if (bad == null) {
            return ok >= bounds.maxRate() ? new Next(-1, "sustained the highest rate searched (--max)")
                    : new Next(Math.min(bounds.maxRate(), nice(ok * bounds.factor())), null);
        }
        if (ok == null) {
            Point lowest = points.get(bad);
            Map.Entry<Long, Point> above = points.higherEntry(bad);
            if (above != null && lowest.medianProcessingMs() > 0.9 * above.getValue().medianProcessingMs()) {
                return new Next(-1, String.format("not rate-bound: batches took %,d ms at %,d words/s and %,d ms at "
                                + "%,d words/s; the state, not the rate, sets the cost", lowest.medianProcessingMs(), bad,
                        above.getValue().medianProcessingMs(), above.getKey()));
            }
            return bad <= bounds.minRate() ? new Next(-1, "not sustained even at the lowest rate searched (--min)")
                    : new Next(Math.max(bounds.minRate(), nice(bad / bounds.factor())), null);
        }
        if (bad / (double) ok <= bounds.precision()) {
            return new Next(-1, String.format("highest sustained rate within %.2fx", bounds.precision()));
        }
        long rate = nice(Math.sqrt(ok * (double) bad));
        return rate <= ok || rate >= bad ? new Next(-1, "rates between the bracket's ends round to its ends")
                : new Next(rate, null);
    }

    /** Kept up, counted right, and the load generator was not held back ({@link #keptUp}). */
    static boolean sustained(RunSummary run) {
        return run.countsVerified() && keptUp(run.keepingUp(), run.loadgenLagP99Ms(), run.batchMs(), run.options());
    }

    /**
     * Kept up and the source read everything as it came: a receiver that cannot read fast enough slows the
     * socket, which Spark's delays do not show but the generator's lag behind schedule does (p99 within one batch
     * interval). The replay source pulls instead: a line waits there for the next micro-batch to fetch it, so its
     * lag is up to an interval more by design, and a reader that falls behind shows in the scheduling delay.
     */
    static boolean keptUp(boolean keepingUp, double loadgenLagP99Ms, long batchMs, Map<String, String> options) {
        boolean pulled = StructuredJob.Source.REPLAY.label().equals(options == null ? null
                : options.get(StructuredWordCount.SOURCE));
        return keepingUp && loadgenLagP99Ms <= (pulled ? 2 : 1) * batchMs;
    }

    private static Long highestSustained(TreeMap<Long, Probe> probes) {
        return probes.descendingMap().values().stream().filter(Probe::sustained).map(Probe::rateWordsPerS)
                .findFirst().orElse(null);
    }

    /** The lowest failed rate above the highest sustained one (a noisy failure below it does not count). */
    private static Long lowestFailed(TreeMap<Long, Probe> probes, Long ok) {
        return probes.values().stream().filter(p -> !p.sustained() && (ok == null || p.rateWordsPerS() > ok))
                .map(Probe::rateWordsPerS).findFirst().orElse(null);
    }

    /**
     * The search a run with a staircase of rates amounts to: its window's rate and each step are the probes (all
     * in {@code runDir}); written as {@code dir/summary.json}. A step counts as sustained only when the run's
     * counts were verified at its end.
     */
    public static Summary fromStaircase(Path dir, RunSummary run, Path runDir) throws IOException {
        if (run.rateSteps() == null) {
            throw new LabException(runDir + " holds a run without a staircase of rates");
        }
        Experiment.prepareOutput(dir);
        TreeMap<Long, Probe> probes = new TreeMap<>();
        String where = runDir.toAbsolutePath().toString();
        probes.put(run.rateWordsPerS(), new Probe(run.rateWordsPerS(), sustained(run), where, run));
        for (RunSummary.Step step : run.steps()) {
            probes.put(step.rateWordsPerS(), new Probe(step.rateWordsPerS(), step.sustained() && run.countsVerified(),
                    where, run.atStep(step)));
        }
        Long ok = highestSustained(probes);
        Long bad = lowestFailed(probes, ok);
        Bounds bounds = run.rateSteps().bounds();
        String conclusion;
        if (!run.countsVerified()) {
            conclusion = "counts not verified: " + run.countsNote();
        } else if (ok == null) {
            conclusion = "the measured rate was not sustained; no step was run";
        } else {
            conclusion = next(points(probes), bounds).conclusion();
            if (conclusion == null) {
                conclusion = run.steps().size() >= bounds.maxProbes() ? "stopped after " + bounds.maxProbes() + " steps"
                        : "stopped: not caught up after a failed step";
            }
        }
        Summary summary = new Summary(Summary.FORMAT, run.variant(), run.keys(), run.batchMs(), run.warmupMs(),
                run.measureMs(), bounds, new ArrayList<>(probes.values()), ok == null ? -1 : ok,
                bad == null ? -1 : bad, conclusion, Summary.STAIRCASE);
        SweepSummary.writeJson(dir.resolve(SweepSummary.FILE), summary);
        return summary;
    }

    /** Rounds a rate to two significant digits, so probes run at readable rates (1,200,000 not 1,234,567). */
    static long nice(double rate) {
        if (rate < 100) {
            return Math.max(1, Math.round(rate));
        }
        double scale = Math.pow(10, Math.floor(Math.log10(rate)) - 1);
        return (long) (Math.round(rate / scale) * scale);
    }

    private static Probe probe(Path dir, Experiment.Settings settings, Runner runner, PrintStream out, int number,
                               int maxProbes) throws Exception {
        Path runDir = probeDirectory(dir, settings);
        RunSummary run = Sweep.finishedRun(runDir, settings);
        if (run != null && run.usable()) {
            out.printf("probe %d/%d: %,d words/s: kept from an earlier search%n", number, maxProbes,
                    settings.rateWordsPerS());
        } else {
            out.printf("probe %d/%d: %s at %,d keys, %,d words/s ...%n", number, maxProbes, settings.variant(),
                    settings.keys(), settings.rateWordsPerS());
            long startMs = System.currentTimeMillis();
            run = runner.run(settings, runDir);
            out.printf("probe %d/%d: %,d words/s: median processing %d ms, %s, counts %s (%d s)%n", number, maxProbes,
                    settings.rateWordsPerS(), run.medianProcessingMs(), run.keepingUp() ? "keeping up" : "FALLING BEHIND",
                    run.countsVerified() ? "verified" : "not verified", (System.currentTimeMillis() - startMs) / 1000);
        }
        return new Probe(settings.rateWordsPerS(), sustained(run), runDir.toAbsolutePath().toString(), run);
    }

    /** A sweep's run of this variant and key count, made with the same settings but perhaps another rate. */
    static RunSummary reusedRun(Path sweepDir, Experiment.Settings template) {
        Path runDir = sweepDir.resolve("runs").resolve(RunSummary.directoryName(template.variant(), template.keys()));
        Path file = runDir.resolve(SweepSummary.FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            RunSummary run = SweepSummary.JSON.readValue(file.toFile(), RunSummary.class);
            RunSummary same = Sweep.finishedRun(runDir, template.withRate(run.rateWordsPerS()));
            return same != null && same.usable() ? same : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Summary write(Path dir, Experiment.Settings template, Bounds bounds, TreeMap<Long, Probe> probes,
                                 String conclusion) throws IOException {
        Long ok = highestSustained(probes);
        Long bad = lowestFailed(probes, ok);
        Summary summary = new Summary(Summary.FORMAT, template.variant(), template.keys(), template.batchMs(),
                template.warmupMs(), template.measureMs(), bounds, new ArrayList<>(probes.values()),
                ok == null ? -1 : ok, bad == null ? -1 : bad, conclusion == null ? "searching" : conclusion,
                Summary.PROBES);
        SweepSummary.writeJson(dir.resolve(SweepSummary.FILE), summary);
        return summary;
    }

    /** An existing search directory must be a search of the same variant, keys and windows; else nothing is touched. */
    private static void checkDirectory(Path dir, Experiment.Settings template) {
        Experiment.prepareOutput(dir);
        if (Files.exists(dir.resolve(SweepSummary.FILE))) {
            if (!Summary.isSearch(dir)) {
                throw new LabException(dir + " holds results that are not a search: use another --out (nothing was "
                        + "changed)");
            }
            Summary earlier = Summary.read(dir);
            if (!earlier.variant().equals(template.variant()) || earlier.keys() != template.keys()
                    || earlier.batchMs() != template.batchMs() || earlier.measureMs() != template.measureMs()) {
                throw new LabException(dir + " holds a search of " + earlier.variant() + " at " + earlier.keys()
                        + " keys, " + earlier.batchMs() + " ms batches, " + earlier.measureMs() + " ms measured: use "
                        + "another --out (nothing was changed)");
            }
        }
    }
}
