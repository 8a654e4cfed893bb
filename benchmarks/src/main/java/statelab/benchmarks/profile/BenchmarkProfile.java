package statelab.benchmarks.profile;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import statelab.core.Source;
import statelab.harness.cli.Lab;
import statelab.harness.cli.LabJvms;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Search;
import statelab.harness.measure.Sweep;
import statelab.harness.report.Report;
import statelab.harness.results.Json;
import statelab.harness.results.RateSteps;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * The benchmark profile ({@code mvn -Pbenchmark verify}): every measurement of the lab, in order, into one
 * results directory, reusing what an earlier profile run there already measured (delete the directory to start
 * over). Steps:
 * <ol>
 *   <li>{@code jmh}: the JMH microbenchmarks of this module, {@code jmh/jmh.json};</li>
 *   <li>{@code loadgen}: the load generator's limits ({@link LoadGenLimits}), {@code loadgen/summary.json};</li>
 *   <li>{@code baseline}: {@code stateless} against the bare {@code socketTextStream(...).reduceByKey} job
 *       ({@link BareSocketWordCount}) at the same load, {@value #BASELINE_ROUNDS} rounds in alternating order,
 *       {@code baseline/round-N/};</li>
 *   <li>{@code sweep}: the standard sweep: five variants, 10 k to 3 M keys at {@value #SWEEP_RATE} words/s with
 *       1 s batches; each variant's walk stops at its first run that falls behind (update-state and
 *       map-with-state walk on to 1 M keys, the point the targets compare them at); the runs at 10 k and 1 M keys
 *       go on with a staircase of rates ({@link RateSteps}) on the state they filled; the results directory
 *       itself;</li>
 *   <li>{@code search}: the highest sustained rate of each variant at 10 k and 1 M keys, read from those
 *       staircases, {@code search/} (no Spark run of its own);</li>
 *   <li>{@code recovery}: {@code ./lab recovery}: a driver kill of every stateful variant at
 *       {@link #RECOVERY_KEYS} on the replay source, and of the DStream ones on the socket source too (Structured
 *       cannot resume on Spark's socket source); an executor kill and a worker kill of the DStream ones on a
 *       standalone cluster, {@code recovery/};</li>
 *   <li>{@code sources}: structured on the replay source and on Spark's socket source at the same load, and the
 *       DStream variants at {@link #SOURCES_KEYS} keys on the socket source with the sweep's staircase of rates
 *       (their replay runs are the sweep's), {@code sources/} and {@code sources-dstream-socket/};</li>
 *   <li>{@code report}: {@code report.html} and its charts;</li>
 *   <li>{@code targets}: {@code targets.md} / {@code targets.json} ({@link Targets}), and {@code profile.json}
 *       with each step's wall time.</li>
 * </ol>
 * Not part of {@code all} (it takes longer than the whole profile's budget): {@code ten-million}, map-with-state
 * and structured-rocksdb at 10 M keys with the settings {@link TenMillionKeys} names, {@code ten-million/}; the
 * targets read it when it is there. Every Spark run is its own JVM on this JVM's classpath (so
 * {@code bare-socket} is known to it).
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class BenchmarkProfile {

    public static final String USAGE = "Usage: BenchmarkProfile --out DIR [--steps all|jmh,loadgen,baseline,sweep,"
            + "search,recovery,sources,ten-million,report,targets] [--build-started ISO_INSTANT]\n"
            + "  Run it as: mvn -Pbenchmark verify [-Dbenchmark.out=DIR] [-Dbenchmark.steps=sweep,report]";

    /** Every step, in the order they run. */
    static final List<String> ALL_STEPS = List.of("jmh", "loadgen", "baseline", "sweep", "search", "recovery",
            "sources", TenMillionKeys.STEP, "report", "targets");
    /** What {@code all} runs: everything but the 10 M-key runs. */
    static final List<String> STEPS = ALL_STEPS.stream().filter(s -> !s.equals(TenMillionKeys.STEP)).toList();

    static final List<String> SWEEP_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb", "table-reaggregation");
    static final List<Long> SWEEP_KEYS = List.of(10_000L, 100_000L, 300_000L, 1_000_000L, 3_000_000L);
    /** The Databricks blog's load: 30,000 updates per second, 1 s batches. */
    static final long SWEEP_RATE = 30_000;
    static final long BATCH_MS = 1_000;
    /** At least this much warm-up after the fill (longer while the fill's backlog is worked off). */
    static final long WARMUP_MS = 5_000;
    /**
     * And at least this long from the start of the fill to the window: a fresh JVM needs about 20 batches before a
     * batch's cost settles (map-with-state at 10 k keys: about 450 ms in the first batches, 130 ms from the
     * twentieth on; a burst at 1 M words/s in the warm-up did not shorten that).
     */
    static final long WARMED_UP_AFTER_MS = 20_000;
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

    static final long BASELINE_KEYS = 10_000;
    static final long BASELINE_RATE = 1_000_000;
    static final long BASELINE_MEASURE_MS = 10_000;
    static final int BASELINE_ROUNDS = 3;

    /** Key counts whose sweep runs go on with a staircase of rates: the searches' key counts. */
    static final List<Long> SEARCH_KEYS = List.of(10_000L, 1_000_000L);
    /** A staircase's first step: at 10 k keys where the old probe searches started, at 1 M keys the factor's step. */
    static final Map<Long, Long> STAIRCASE_FROM = Map.of(10_000L, 1_000_000L, 1_000_000L, 120_000L);
    static final double STAIRCASE_FACTOR = 4;
    static final double STAIRCASE_PRECISION = 2;
    static final int STAIRCASE_STEPS = 5;
    static final long STEP_SETTLE_MS = 2_000;
    static final long STEP_MEASURE_MS = 6_000;

    static final List<String> RECOVERY_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb");
    /** The variants measured on the socket source and with executor and worker kills too. */
    static final List<String> RECOVERY_DSTREAM_VARIANTS = List.of("update-state", "map-with-state");
    static final List<String> RECOVERY_KEYS = List.of("10k", "100k");
    static final String RECOVERY_CLUSTER_KEYS = "10k";
    static final String RECOVERY_RATE = "50k";

    /** The source comparison: the rate at which Spark's socket source was seen to fall behind for good. */
    static final long SOURCES_KEYS = 10_000;
    static final long SOURCES_RATE = 100_000;

    private final Path out;
    private final PrintStream log;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private double totalSeconds = -1;

    private BenchmarkProfile(Path out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        String steps = "all";
        Instant started = Instant.now();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--steps" -> steps = args[++i];
                    case "--build-started" -> started = Instant.parse(args[++i]);
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
            if (!ALL_STEPS.contains(step)) {
                System.err.println("error: unknown step '" + step + "' (steps: " + String.join(",", ALL_STEPS) + ")");
                System.exit(2);
            }
        }
        new BenchmarkProfile(out, System.out).run(chosen, started);
    }

    private void run(List<String> steps, Instant started) throws Exception {
        Files.createDirectories(out);
        for (String step : ALL_STEPS) {
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
                case "search" -> search();
                case "recovery" -> recovery();
                case "sources" -> sources();
                case TenMillionKeys.STEP -> TenMillionKeys.run(out.resolve(TenMillionKeys.STEP), CHILD_JVM, log);
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
                             double totalSeconds) {
    }

    /** {@code profile.json}: every invocation on this results directory, in order. */
    public record Invocations(String format, List<Invocation> invocations) {
        public static final String FORMAT = "statelab-profile/3";

        static Invocations read(Path file) throws java.io.IOException {
            if (!Files.isRegularFile(file)) {
                return new Invocations(FORMAT, List.of());
            }
            Invocations read = Json.read(file, Invocations.class);
            return FORMAT.equals(read.format()) ? read : new Invocations(FORMAT, List.of());
        }
    }

    private void writeProfileTimes(Instant started, List<String> steps) throws Exception {
        Path file = out.resolve("profile.json");
        List<Invocation> all = new ArrayList<>(Invocations.read(file).invocations());
        all.removeIf(i -> i.buildStarted().equals(started.toString()));
        all.add(new Invocation(started.toString(), steps, stepSeconds, totalSeconds));
        Json.write(file, new Invocations(Invocations.FORMAT, all));
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
        new org.openjdk.jmh.runner.Runner(new OptionsBuilder().include("statelab\\.benchmarks\\..*Benchmark")
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
        Json.write(file, result);
        log.printf("loadgen: %,d words/s to one reader; at 1 M words/s lag p99 %.2f ms, max %.2f ms%n",
                result.maxWordsPerS(), result.lagP99MsAt1MWordsPerS(), result.lagMaxMsAt1MWordsPerS());
    }

    /** A run of the profile: at least {@link #WARMUP_MS} after the fill and {@link #WARMED_UP_AFTER_MS} in all. */
    static RunSettings measured(String variant, long keys, long rate, long measureMs) {
        RunSettings settings = RunSettings.builder(variant).keys(keys).rateWordsPerS(rate).batchMs(BATCH_MS)
                .warmupMs(WARMUP_MS).measureMs(measureMs).build();
        return settings.toBuilder().warmupMs(Math.max(WARMUP_MS, WARMED_UP_AFTER_MS - settings.fillMs())).build();
    }

    /** A sweep run: the blog's load, a staircase of rates after the window at the searches' key counts. */
    static RunSettings sweepSettings(String variant, long keys) {
        RunSettings settings = measured(variant, keys, SWEEP_RATE, MEASURE_MS).toBuilder().quitWhenBehind(true)
                .build();
        Long from = STAIRCASE_FROM.get(keys);
        return from == null ? settings : settings.toBuilder().steps(new RateSteps(new SearchBounds(from, SWEEP_RATE,
                20_000_000, STAIRCASE_FACTOR, STAIRCASE_PRECISION, STAIRCASE_STEPS), STEP_SETTLE_MS, STEP_MEASURE_MS))
                .build();
    }

    /**
     * Rounds of the bare job and {@code stateless}, the order alternating from round to round so that neither is
     * always first (a machine drifting during the step would otherwise favour one); the target compares the
     * medians of each one's per-run medians.
     */
    private void baseline() throws Exception {
        for (int round = 1; round <= BASELINE_ROUNDS; round++) {
            List<String> order = round % 2 == 1 ? List.of(BareSocketWordCount.NAME, "stateless")
                    : List.of("stateless", BareSocketWordCount.NAME);
            List<RunSettings> runs = new ArrayList<>();
            for (String variant : order) {
                // Both on a socket receiver: the comparison is the lab's machinery, not the source.
                runs.add(measured(variant, BASELINE_KEYS, BASELINE_RATE, BASELINE_MEASURE_MS).toBuilder()
                        .source(Source.SOCKET).build());
            }
            Sweep.run(baselineRound(out, round), runs, child(), log);
        }
    }

    static Path baselineRound(Path dir, int round) {
        return dir.resolve("baseline").resolve("round-" + round);
    }

    private void sweep() throws Exception {
        List<RunSettings> runs = new ArrayList<>();
        for (String variant : SWEEP_VARIANTS) {
            for (long keys : SWEEP_KEYS) {
                runs.add(sweepSettings(variant, keys));
            }
        }
        ToLongFunction<String> walkAtLeast = v -> COMPARED.contains(v) ? COMPARE_AT_KEYS : 0L;
        Sweep.run(out, runs, child(), true, walkAtLeast, log);
    }

    /** Each staircase of the sweep as a search directory, {@code search/<variant>-<keys>keys/}. */
    private void search() throws Exception {
        SweepSummary sweep = SweepSummary.read(out);
        for (RunSummary run : sweep.runs()) {
            if (run.rateSteps() == null) {
                continue;
            }
            Path dir = out.resolve("search").resolve(RunSummary.directoryName(run.label(), run.keys()));
            SearchSummary search = Search.fromStaircase(dir, run, SweepSummary.runDirectory(out, run));
            log.printf("search: %s at %,d keys: highest sustained %,d words/s (%s)%n", run.label(), run.keys(),
                    search.highestSustainedRateWordsPerS(), search.conclusion());
        }
    }

    /** {@code ./lab recovery}, through its command line (its options are stable for scripts), into one summary. */
    private void recovery() throws Exception {
        Path dir = out.resolve("recovery");
        RecoverySummary done = Files.isDirectory(dir) ? RecoverySummary.readIfPresent(dir) : null;
        int expected = (RECOVERY_VARIANTS.size() + RECOVERY_DSTREAM_VARIANTS.size()) * RECOVERY_KEYS.size()
                + 2 * RECOVERY_DSTREAM_VARIANTS.size();
        if (done != null && done.runs().size() == expected) {
            log.println("recovery: kept " + dir.resolve(Json.SUMMARY_FILE));
            return;
        }
        List<String> common = List.of("--rate", RECOVERY_RATE, "--before-kill", "10s", "--after-catch-up", "3s",
                "--heap", "12g", "--out", dir.toString());
        List<List<String>> commands = List.of(
                List.of("--variants", String.join(",", RECOVERY_VARIANTS), "--keys", String.join(",", RECOVERY_KEYS),
                        "--source", "replay"),
                List.of("--variants", String.join(",", RECOVERY_DSTREAM_VARIANTS), "--keys",
                        String.join(",", RECOVERY_KEYS), "--source", "socket"),
                List.of("--variants", String.join(",", RECOVERY_DSTREAM_VARIANTS), "--keys", RECOVERY_CLUSTER_KEYS,
                        "--source", "replay", "--kill", "executor,worker"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(List.of("recovery"));
            args.addAll(command);
            args.addAll(common);
            int exit = Lab.commandLine().execute(args.toArray(String[]::new));
            log.println("recovery " + String.join(" ", command) + ": exit code " + exit);
        }
    }

    /**
     * structured on both sources at a rate Spark's socket source cannot sustain; the DStream variants on the socket
     * source at the sweep's 10 k keys with its staircase (the highest rate each sustains held against its replay
     * runs in the sweep).
     */
    private void sources() throws Exception {
        List<RunSettings> runs = new ArrayList<>();
        for (String source : List.of("replay", "socket")) {
            runs.add(measured("structured", SOURCES_KEYS, SOURCES_RATE, MEASURE_MS).toBuilder()
                    .source(Source.parse(source)).quitWhenBehind(true).build());
        }
        Sweep.run(out.resolve("sources"), runs, child(), log);
        List<RunSettings> socket = new ArrayList<>();
        for (String variant : RECOVERY_DSTREAM_VARIANTS) {
            socket.add(sweepSettings(variant, SOURCES_KEYS).toBuilder().source(Source.SOCKET).build());
        }
        Sweep.run(out.resolve("sources-dstream-socket"), socket, child(), log);
    }

    /** Every measured run of the profile in a lab JVM of its own, with {@link #CHILD_JVM}. */
    private static Runner child() {
        return Runner.inChild(new LabJvms(), CHILD_JVM);
    }
}
