package statelab.harness.measure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import statelab.core.LabException;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;
import statelab.harness.results.SearchSummary.Probe;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * Finds the highest update rate a variant sustains at a given state size, with short measured runs (probes),
 * each a full {@link Experiment} (fill, warm-up, measure, verify) run by the {@link Runner} given, following
 * {@link SearchRule}.
 *
 * <p>Resumable: a probe directory holding a finished run with the same settings is reused, and so is a matching
 * run of a sweep directory given as {@code reuse}.
 */
public final class Search {

    private Search() {
    }

    /** The probe directory of a rate: {@code probes/<label>-<keys>keys-<rate>wps}. */
    static Path probeDirectory(Path dir, RunSettings settings) {
        return dir.resolve("probes").resolve(RunSummary.directoryName(settings.label(), settings.keys()) + "-"
                + settings.rateWordsPerS() + "wps");
    }

    /**
     * Searches and writes {@code summary.json} into {@code dir} after every probe.
     *
     * @param template the probes' settings (its rate is ignored)
     * @param reuse    a sweep directory whose run of this variant and key count counts as a probe, or null
     */
    public static SearchSummary run(Path dir, RunSettings template, SearchBounds bounds, Path reuse, Runner runner,
                                    PrintStream out) throws Exception {
        bounds.validate();
        template.toBuilder().rateWordsPerS(bounds.fromRate()).build().validate();
        checkDirectory(dir, template);
        TreeMap<Long, Probe> probes = new TreeMap<>();
        RunSummary reused = reuse == null ? null : reusedRun(reuse, template);
        long rate = bounds.fromRate();
        if (reused != null && reused.rateWordsPerS() >= bounds.minRate() && reused.rateWordsPerS() <= bounds
                .maxRate()) {
            Path from = SweepSummary.runDirectory(reuse, reused);
            boolean sustained = SearchRule.sustained(reused);
            probes.put(reused.rateWordsPerS(), new Probe(reused.rateWordsPerS(), sustained, relative(dir, from),
                    reused));
            out.printf("%s at %,d keys: %,d words/s %s (kept from %s)%n", template.label(), template.keys(),
                    reused.rateWordsPerS(), sustained ? "sustained" : "NOT sustained", from);
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
                RunSettings settings = template.toBuilder().rateWordsPerS(rate).build();
                probes.put(rate, probe(dir, settings, runner, out, ran, bounds.maxProbes()));
                write(dir, template, bounds, probes, null, SearchSummary.PROBES);
            }
            SearchRule.Next next = SearchRule.next(points(probes), bounds);
            conclusion = next.conclusion();
            rate = next.rateWordsPerS();
        }
        SearchSummary summary = write(dir, template, bounds, probes, conclusion, SearchSummary.PROBES);
        out.printf("%s at %,d keys: highest sustained rate %s (%s)%n", template.label(), template.keys(),
                summary.highestSustainedRateWordsPerS() < 0 ? "none probed"
                        : String.format("%,d words/s", summary.highestSustainedRateWordsPerS()), conclusion);
        return summary;
    }

    private static TreeMap<Long, SearchRule.Point> points(TreeMap<Long, Probe> probes) {
        TreeMap<Long, SearchRule.Point> points = new TreeMap<>();
        probes.forEach((rate, p) -> points.put(rate, new SearchRule.Point(rate, p.sustained(),
                p.run().medianProcessingMs())));
        return points;
    }

    /**
     * The search a run with a staircase of rates amounts to: its window's rate and each step are the probes (all
     * in {@code runDir}); written as {@code dir/summary.json}. A step counts as sustained only when the run's
     * counts were verified at its end.
     */
    public static SearchSummary fromStaircase(Path dir, RunSummary run, Path runDir) throws IOException {
        if (run.rateSteps() == null) {
            throw new LabException(runDir + " holds a run without a staircase of rates");
        }
        OutputDirs.prepare(dir);
        TreeMap<Long, Probe> probes = new TreeMap<>();
        String where = relative(dir, runDir);
        probes.put(run.rateWordsPerS(), new Probe(run.rateWordsPerS(), SearchRule.sustained(run), where, run));
        for (RunSummary.Step step : run.steps()) {
            probes.put(step.rateWordsPerS(), new Probe(step.rateWordsPerS(), step.sustained() && run.countsVerified(),
                    where, run.atStep(step)));
        }
        SearchBounds bounds = run.rateSteps().bounds();
        String conclusion;
        if (!run.countsVerified()) {
            conclusion = "counts not verified: " + run.countsNote();
        } else if (SearchRule.highestSustained(points(probes)) == null) {
            conclusion = "the measured rate was not sustained; no step was run";
        } else {
            conclusion = SearchRule.next(points(probes), bounds).conclusion();
            if (conclusion == null) {
                conclusion = run.steps().size() >= bounds.maxProbes() ? "stopped after " + bounds.maxProbes() + " steps"
                        : "stopped: not caught up after a failed step";
            }
        }
        return write(dir, run.variant(), run.keys(), run.batchMs(), run.warmupMs(), run.measureMs(), bounds, probes,
                conclusion, SearchSummary.STAIRCASE);
    }

    private static Probe probe(Path dir, RunSettings settings, Runner runner, PrintStream out, int number,
                               int maxProbes) throws Exception {
        Path runDir = probeDirectory(dir, settings);
        RunSummary run = Sweep.finishedRun(runDir, settings);
        if (run != null && run.usable()) {
            out.printf("probe %d/%d: %,d words/s: kept from an earlier search%n", number, maxProbes,
                    settings.rateWordsPerS());
        } else {
            out.printf("probe %d/%d: %s at %,d keys, %,d words/s ...%n", number, maxProbes, settings.label(),
                    settings.keys(), settings.rateWordsPerS());
            long startMs = System.currentTimeMillis();
            run = runner.runOne(settings, runDir);
            out.printf("probe %d/%d: %,d words/s: median processing %d ms, %s, counts %s (%d s)%n", number, maxProbes,
                    settings.rateWordsPerS(), run.medianProcessingMs(), run.keepingUp() ? "keeping up"
                            : "FALLING BEHIND",
                    run.countsVerified() ? "verified" : "not verified", (System.currentTimeMillis() - startMs) / 1000);
        }
        return new Probe(settings.rateWordsPerS(), SearchRule.sustained(run), relative(dir, runDir), run);
    }

    /** Where a probe's run lives, relative to the search's directory (results stay valid when moved or cloned). */
    static String relative(Path searchDir, Path runDir) {
        return searchDir.toAbsolutePath().normalize().relativize(runDir.toAbsolutePath().normalize()).toString();
    }

    /** A sweep's run of this variant and key count, made with the same settings but perhaps another rate. */
    public static RunSummary reusedRun(Path sweepDir, RunSettings template) {
        Path runDir = sweepDir.resolve("runs").resolve(RunSummary.directoryName(template.label(), template.keys()));
        Path file = runDir.resolve(Json.SUMMARY_FILE);
        if (!RunSummary.FORMAT.equals(Json.formatOf(file))) {
            return null;
        }
        try {
            RunSummary run = Json.read(file, RunSummary.class);
            RunSummary same = Sweep.finishedRun(runDir, template.toBuilder().rateWordsPerS(run.rateWordsPerS())
                    .build());
            return same != null && same.usable() ? same : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static SearchSummary write(Path dir, RunSettings template, SearchBounds bounds, TreeMap<Long, Probe> probes,
                                       String conclusion, String method) throws IOException {
        return write(dir, template.variant(), template.keys(), template.batchMs(), template.warmupMs(),
                template.measureMs(), bounds, probes, conclusion == null ? "searching" : conclusion, method);
    }

    private static SearchSummary write(Path dir, String variant, long keys, long batchMs, long warmupMs, long measureMs,
                                       SearchBounds bounds, TreeMap<Long, Probe> probes, String conclusion,
                                       String method) throws IOException {
        TreeMap<Long, SearchRule.Point> points = points(probes);
        Long ok = SearchRule.highestSustained(points);
        Long bad = SearchRule.lowestFailed(points, ok);
        SearchSummary summary = new SearchSummary(SearchSummary.FORMAT, variant, keys, batchMs, warmupMs, measureMs,
                bounds, new ArrayList<>(probes.values()), ok == null ? -1 : ok, bad == null ? -1 : bad, conclusion,
                method);
        Json.write(dir.resolve(Json.SUMMARY_FILE), summary);
        return summary;
    }

    /** An existing search directory must be a search of the same variant, keys and windows; else nothing is touched. */
    private static void checkDirectory(Path dir, RunSettings template) {
        OutputDirs.prepare(dir);
        if (Files.exists(dir.resolve(Json.SUMMARY_FILE))) {
            if (!SearchSummary.isSearch(dir)) {
                throw new LabException(dir + " holds results that are not a search: use another --out (nothing was "
                        + "changed)");
            }
            SearchSummary earlier = SearchSummary.read(dir);
            if (!earlier.variant().equals(template.variant()) || earlier.keys() != template.keys()
                    || earlier.batchMs() != template.batchMs() || earlier.measureMs() != template.measureMs()) {
                throw new LabException(dir + " holds a search of " + earlier.variant() + " at " + earlier.keys()
                        + " keys, " + earlier.batchMs() + " ms batches, " + earlier.measureMs() + " ms measured: use "
                        + "another --out (nothing was changed)");
            }
        }
    }
}
