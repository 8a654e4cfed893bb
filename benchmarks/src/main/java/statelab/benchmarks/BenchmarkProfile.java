package statelab.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import statelab.harness.Experiment;
import statelab.harness.Report;
import statelab.harness.RunSummary;
import statelab.harness.Search;
import statelab.harness.Sweep;
import statelab.harness.SweepSummary;

/**
 * The benchmark profile ({@code mvn -Pbenchmark verify}): every measurement of the lab, in order, into one
 * results directory, reusing what an earlier profile run there already measured (delete the directory to start
 * over). Steps:
 * <ol>
 *   <li>{@code jmh}: the JMH microbenchmarks of this module, {@code jmh/jmh.json};</li>
 *   <li>{@code loadgen}: the load generator's limits ({@link LoadGenLimits}), {@code loadgen/summary.json};</li>
 *   <li>{@code baseline}: {@code stateless} against the bare {@code socketTextStream(...).reduceByKey} job
 *       ({@link BareSocketWordCount}) at the same load, {@code baseline/};</li>
 *   <li>{@code sweep}: the standard sweep: five variants, 10 k to 10 M keys at {@value #SWEEP_RATE} words/s with
 *       1 s batches; each variant's walk stops at its first run that falls behind (update-state and
 *       map-with-state walk on to 1 M keys, the point the targets compare them at); the results directory itself;</li>
 *   <li>{@code search}: the highest sustained rate of each variant at 10 k and 1 M keys, {@code search/};</li>
 *   <li>{@code report}: {@code report.html} and its charts;</li>
 *   <li>{@code targets}: {@code targets.md} / {@code targets.json} ({@link Targets}), and {@code profile.json}
 *       with each step's wall time.</li>
 * </ol>
 * Every Spark run is its own JVM on this JVM's classpath (so {@code bare-socket} is known to it). The searches
 * get what is left of {@code --budget-s} (counted from the build's start, less a reserve for the report): no
 * probe starts after that; the searches not run or cut short are listed in {@code profile.json} (which keeps every
 * invocation's step times). Run again, the profile resumes them.
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class BenchmarkProfile {

    public static final String USAGE = "Usage: BenchmarkProfile --out DIR [--steps all|jmh,loadgen,baseline,sweep,"
            + "search,report,targets] [--build-started ISO_INSTANT] [--budget-s SECONDS]\n"
            + "  Run it as: mvn -Pbenchmark verify [-Dbenchmark.out=DIR] [-Dbenchmark.steps=sweep,report]"
            + " [-Dbenchmark.budget-s=1200]";

    static final List<String> STEPS = List.of("jmh", "loadgen", "baseline", "sweep", "search", "report", "targets");

    static final List<String> SWEEP_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb", "table-reaggregation");
    static final List<Long> SWEEP_KEYS = List.of(10_000L, 100_000L, 300_000L, 1_000_000L, 3_000_000L, 10_000_000L);
    /** The Databricks blog's load: 30,000 updates per second, 1 s batches. */
    static final long SWEEP_RATE = 30_000;
    static final long BATCH_MS = 1_000;
    static final long WARMUP_MS = 5_000;
    static final long MEASURE_MS = 10_000;
    /** The key count the targets compare update-state and map-with-state at: both walk at least this far. */
    static final long COMPARE_AT_KEYS = 1_000_000;
    static final Set<String> COMPARED = Set.of("update-state", "map-with-state");
    /**
     * Child JVM options: heap room for millions of keys of state with its cached generations, and the parallel
     * collector: with G1 on 2 cores, map-with-state at 1 M keys spent 9.3 s of a 65 s run in GC pauses and ran
     * 1,680 ms batches (falling behind); with the parallel collector 3.0 s and 544 ms batches (keeping up).
     */
    static final List<String> CHILD_JVM = List.of("-Xmx12g", "-XX:+UseParallelGC");
    /** Time kept back from the budget for the report and the targets after the last probe. */
    static final long REPORT_RESERVE_MS = 90_000;

    static final long BASELINE_KEYS = 10_000;
    static final long BASELINE_RATE = 1_000_000;
    static final long BASELINE_MEASURE_MS = 15_000;

    static final List<Long> SEARCH_KEYS = List.of(10_000L, 1_000_000L);
    /** First rate of the 10 k-key searches (the sweep's run at its rate is a probe too). */
    static final long SEARCH_FROM_10K = 1_000_000;
    static final Search.Bounds SEARCH_BOUNDS = new Search.Bounds(SWEEP_RATE, 1_000, 20_000_000, 4, 2, 3);

    private final Path out;
    private final PrintStream log;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private double totalSeconds = -1;
    private final List<String> searchesNotRun = new ArrayList<>();

    private BenchmarkProfile(Path out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        String steps = "all";
        Instant started = Instant.now();
        long budgetS = 20 * 60;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--steps" -> steps = args[++i];
                    case "--build-started" -> started = Instant.parse(args[++i]);
                    case "--budget-s" -> budgetS = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> chosen = steps.equals("all") ? STEPS : List.of(steps.split(","));
        for (String step : chosen) {
            if (!STEPS.contains(step)) {
                System.err.println("error: unknown step '" + step + "' (steps: " + String.join(",", STEPS) + ")");
                System.exit(2);
            }
        }
        new BenchmarkProfile(out, System.out).run(chosen, started, budgetS);
    }

    private void run(List<String> steps, Instant started, long budgetS) throws Exception {
        Files.createDirectories(out);
        long deadlineMs = started.toEpochMilli() + budgetS * 1000 - REPORT_RESERVE_MS;
        for (String step : STEPS) {
            if (!steps.contains(step)) {
                continue;
            }
            log.println("== benchmark profile: " + step + " ==");
            long startMs = System.currentTimeMillis();
            switch (step) {
                case "jmh" -> jmh();
                case "loadgen" -> loadgen();
                case "baseline" -> baseline();
                case "sweep" -> sweep();
                case "search" -> search(deadlineMs);
                case "report" -> log.println("report: " + Report.write(out));
                case "targets" -> {
                    totalSeconds = (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0;
                    writeProfileTimes(started, steps);
                    Targets.write(out, log);
                }
                default -> throw new IllegalStateException(step);
            }
            stepSeconds.put(step, (System.currentTimeMillis() - startMs) / 1000.0);
            writeProfileTimes(started, steps);
        }
    }

    /** One invocation of the profile, as {@code profile.json} lists them (a run again resumes and adds one). */
    public record Invocation(String buildStarted, List<String> steps, Map<String, Double> stepSeconds,
                             double totalSeconds, List<String> searchesNotRun) {
    }

    /** {@code profile.json}: every invocation on this results directory, in order. */
    public record Invocations(String format, List<Invocation> invocations) {
        public static final String FORMAT = "statelab-profile/2";

        static Invocations read(Path file) throws java.io.IOException {
            if (!Files.isRegularFile(file)) {
                return new Invocations(FORMAT, List.of());
            }
            Invocations read = SweepSummary.readJson(file, Invocations.class);
            return FORMAT.equals(read.format()) ? read : new Invocations(FORMAT, List.of());
        }
    }

    private void writeProfileTimes(Instant started, List<String> steps) throws Exception {
        Path file = out.resolve("profile.json");
        List<Invocation> all = new ArrayList<>(Invocations.read(file).invocations());
        all.removeIf(i -> i.buildStarted().equals(started.toString()));
        all.add(new Invocation(started.toString(), steps, stepSeconds, totalSeconds, searchesNotRun));
        SweepSummary.writeJson(file, new Invocations(Invocations.FORMAT, all));
    }

    private void jmh() throws Exception {
        Path dir = out.resolve("jmh");
        Path json = dir.resolve("jmh.json");
        if (Files.isRegularFile(json)) {
            log.println("jmh: kept " + json + " (delete it to measure again)");
            return;
        }
        Files.createDirectories(dir);
        Path partial = dir.resolve("jmh.json.partial");
        new Runner(new OptionsBuilder().include("statelab\\.benchmarks\\..*Benchmark")
                .resultFormat(ResultFormatType.JSON).result(partial.toString()).build()).run();
        Files.move(partial, json);
    }

    private void loadgen() throws Exception {
        Path file = out.resolve("loadgen").resolve("summary.json");
        if (Files.isRegularFile(file)) {
            log.println("loadgen: kept " + file);
            return;
        }
        Files.createDirectories(file.getParent());
        LoadGenLimits.Result result = LoadGenLimits.measure();
        SweepSummary.writeJson(file, result);
        log.printf("loadgen: %,d words/s to one reader; at 1 M words/s lag p99 %.2f ms, max %.2f ms%n",
                result.maxWordsPerS(), result.lagP99MsAt1MWordsPerS(), result.lagMaxMsAt1MWordsPerS());
    }

    static Experiment.Settings sweepSettings(String variant, long keys) {
        return Experiment.Settings.of(variant, keys, SWEEP_RATE, BATCH_MS, WARMUP_MS, MEASURE_MS).withQuitWhenBehind(true);
    }

    private void baseline() throws Exception {
        List<Experiment.Settings> runs = new ArrayList<>();
        // The baseline runs first, so whatever a first run on a fresh machine pays is not charged to the lab.
        for (String variant : List.of(BareSocketWordCount.NAME, "stateless")) {
            runs.add(Experiment.Settings.of(variant, BASELINE_KEYS, BASELINE_RATE, BATCH_MS, WARMUP_MS,
                    BASELINE_MEASURE_MS));
        }
        Sweep.run(out.resolve("baseline"), runs, Sweep::benchArguments, CHILD_JVM, log);
    }

    private void sweep() throws Exception {
        List<Experiment.Settings> runs = new ArrayList<>();
        for (String variant : SWEEP_VARIANTS) {
            for (long keys : SWEEP_KEYS) {
                runs.add(sweepSettings(variant, keys));
            }
        }
        Function<String, Long> walkAtLeast = v -> COMPARED.contains(v) ? COMPARE_AT_KEYS : 0L;
        Sweep.run(out, runs, Sweep::benchArguments, CHILD_JVM, true, walkAtLeast::apply, log);
    }

    private void search(long deadlineMs) throws Exception {
        List<String> notRun = new ArrayList<>();
        for (long keys : SEARCH_KEYS) {
            for (String variant : SWEEP_VARIANTS) {
                String name = RunSummary.directoryName(variant, keys);
                Path dir = out.resolve("search").resolve(name);
                if (System.currentTimeMillis() >= deadlineMs && !Search.Summary.isSearch(dir)) {
                    notRun.add(name);
                    continue;
                }
                Search.Bounds bounds = keys == 10_000 ? withFrom(SEARCH_FROM_10K) : SEARCH_BOUNDS;
                Search.Summary summary = Search.run(dir, sweepSettings(variant, keys), bounds, out,
                        (settings, runDir) -> Sweep.runInChild(settings, runDir, Sweep.benchArguments(settings),
                                CHILD_JVM), deadlineMs, log);
                if (Search.TIME_BUDGET_SPENT.equals(summary.conclusion())) {
                    notRun.add(name + " (cut short)");
                }
            }
        }
        searchesNotRun.addAll(notRun);
        if (!notRun.isEmpty()) {
            log.println("search: not run (time budget spent): " + String.join(", ", notRun));
        }
    }

    private static Search.Bounds withFrom(long from) {
        return new Search.Bounds(from, SEARCH_BOUNDS.minRate(), SEARCH_BOUNDS.maxRate(), SEARCH_BOUNDS.factor(),
                SEARCH_BOUNDS.precision(), SEARCH_BOUNDS.maxProbes());
    }
}
