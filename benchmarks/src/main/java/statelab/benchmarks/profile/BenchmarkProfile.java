package statelab.benchmarks.profile;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import statelab.harness.cli.Lab;
import statelab.harness.cli.LabJvms;
import statelab.harness.measure.IntervalSearch;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Search;
import statelab.harness.measure.Sweep;
import statelab.harness.report.Report;
import statelab.harness.results.Json;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;

/**
 * The benchmark profile ({@code mvn -Pbenchmark verify}): every measurement of the lab, in order, into one
 * results directory, reusing what an earlier profile run there already measured (delete the directory to start
 * over). What each step measures is {@link ProfilePlan}'s. Steps of {@code all}:
 * <ol>
 *   <li>{@code jmh}: the JMH microbenchmarks of this module, {@code jmh/jmh.json};</li>
 *   <li>{@code loadgen}: the load generator's limits ({@link LoadGenLimits}), {@code loadgen/summary.json};</li>
 *   <li>{@code baseline}: {@code stateless} against the bare {@code socketTextStream(...).reduceByKey} job
 *       ({@link BareSocketWordCount}) at the same load, in rounds of alternating order,
 *       {@code baseline/round-N/};</li>
 *   <li>{@code sweep}: the standard sweep: one JVM per variant walks 10 k to 3 M keys at the blog's load, each
 *       point measured as three windows; a walk ends at its first point behind (update-state and map-with-state
 *       walk on to 1 M keys, where the targets compare them); the points at 10 k and 1 M keys go on with a
 *       staircase of rates on the state they filled; the results directory itself;</li>
 *   <li>{@code ceiling}: the same count with no Spark ({@link PlainJavaWordCount}) at 10 k and 1 M keys with
 *       staircases, {@code ceiling/} ({@link Ceiling});</li>
 *   <li>{@code sources}: structured on the replay source and on Spark's socket source at a load the socket source
 *       cannot sustain; update-state and map-with-state on Spark's socket receiver at 10 k keys with the sweep's
 *       staircase (their replay runs are the sweep's), {@code sources/};</li>
 *   <li>{@code latency}: every word's end-to-end latency: update-state, map-with-state, structured and
 *       structured-rocksdb walk 10 k and 1 M keys at the sweep's load ({@code latency/}), and the shortest batch
 *       interval stateless, update-state, map-with-state, structured and structured-rocksdb sustain at 10 k keys
 *       with the latency it gives ({@code ./lab interval}, {@code latency/intervals/});</li>
 *   <li>{@code search}: the highest sustained rate at 10 k and 1 M keys, read from those staircases (and from
 *       the {@code sources} step's, when it ran), {@code search/}, {@code ceiling/search/}, {@code sources/search/}
 *       (no Spark run of its own);</li>
 *   <li>{@code recovery}: {@code ./lab recovery} for the stateful variants: the driver killed on the replay
 *       source ({@code recovery/}) and on Spark's socket source ({@code recovery-socket/}), an executor or a worker
 *       killed on a standalone cluster ({@code recovery-cluster/}); {@link ProfilePlan#RECOVERIES};</li>
 *   <li>{@code report}: {@code report.html} and its charts;</li>
 *   <li>{@code targets}: {@code targets.md} / {@code targets.json} ({@link Targets}), and {@code profile.json}
 *       with each step's wall time;</li>
 *   <li>{@code tables}: every table BENCHMARKS.md shows, generated from the results files ({@link DocTables}):
 *       {@code tables.md}, and the generated sections of the document named by {@code --doc} rewritten.</li>
 * </ol>
 * Not part of {@code all}: {@code fresh} (the sweep's update-state, map-with-state and structured points at 10 k
 * and 1 M keys, each in a JVM of its own, {@code fresh/}) and {@code ten-million} (10 M keys,
 * {@link TenMillionKeys}); the tables read them when they are there. Every Spark run is its own JVM on this
 * JVM's classpath (so {@code bare-socket} and {@code plain-java} are known to it).
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class BenchmarkProfile {

    public static final String USAGE = "Usage: BenchmarkProfile --out DIR [--steps all|jmh,loadgen,baseline,sweep,"
            + "ceiling,fresh,sources,latency,search,recovery,ten-million,report,targets,tables] [--doc FILE]"
            + " [--build-started ISO_INSTANT]\n"
            + "  Run it as: mvn -Pbenchmark verify [-Dbenchmark.out=DIR] [-Dbenchmark.steps=sweep,report]"
            + " [-Dbenchmark.doc=BENCHMARKS.md]";

    /** Every step, in the order they run. */
    static final List<String> ALL_STEPS = List.of("jmh", "loadgen", "baseline", "sweep", "ceiling", "fresh",
            "sources", "latency", "search", "recovery", TenMillionKeys.STEP, "report", "targets", "tables");
    /** Steps that only write from the results already in the directory (the searches read the staircases). */
    static final List<String> WRITES_ONLY = List.of("search", "report", "targets", "tables");
    /** What {@code all} runs: everything but the fresh-JVM comparison and the 10 M-key runs. */
    static final List<String> STEPS = ALL_STEPS.stream()
            .filter(s -> !List.of("fresh", TenMillionKeys.STEP).contains(s)).toList();

    /**
     * Child JVM options: heap room for millions of keys of state with its cached generations, and the parallel
     * collector: with G1 on 2 cores, map-with-state at 1 M keys spent 9.3 s of a 65 s run in GC pauses and ran
     * 1,680 ms batches (falling behind); with the parallel collector 3.0 s and 544 ms batches (keeping up).
     */
    static final List<String> CHILD_JVM = List.of("-Xmx12g", "-XX:+UseParallelGC");

    private final Path out;
    /** The document whose generated tables the {@code tables} step rewrites, or null. */
    private final Path doc;
    private final PrintStream log;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
    private double totalSeconds = -1;

    private BenchmarkProfile(Path out, Path doc, PrintStream log) {
        this.out = out;
        this.doc = doc;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path doc = null;
        String steps = "all";
        Instant started = Instant.now();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--steps" -> steps = args[++i];
                    case "--build-started" -> started = Instant.parse(args[++i]);
                    case "--doc" -> doc = Path.of(args[++i]);
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
        new BenchmarkProfile(out, doc, System.out).run(chosen, started);
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
                case "latency" -> latency();
                case "ceiling" -> Ceiling.run(out, child(), log);
                case "fresh" -> fresh();
                case "tables" -> DocTables.write(out, doc, log);
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

    /**
     * Records this invocation in {@code profile.json} when it measured something: an invocation that only writes
     * the searches, report, targets or tables from results already there is not a run of the profile (and
     * regenerating the tables must leave them as they were).
     */
    private void writeProfileTimes(Instant started, List<String> steps) throws Exception {
        if (steps.stream().allMatch(WRITES_ONLY::contains)) {
            return;
        }
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

    /** Rounds of the bare job and {@code stateless}, in alternating order (a drifting machine favours neither). */
    private void baseline() throws Exception {
        for (int round = 1; round <= ProfilePlan.BASELINE_ROUNDS; round++) {
            Sweep.run(ProfilePlan.baselineRound(out, round), ProfilePlan.baselineRound(round), child(), log);
        }
    }

    /** The standard sweep: a walk per variant, each ending at its first point behind (compared ones go to 1 M). */
    private void sweep() throws Exception {
        ToLongFunction<String> walkAtLeast = v -> ProfilePlan.COMPARED.contains(v) ? ProfilePlan.COMPARE_AT_KEYS : 0L;
        Sweep.run(out, ProfilePlan.sweep(), child(), false, walkAtLeast, log);
    }

    /** Each staircase of the sweep (and of the ceiling) as a search directory, {@code search/<label>-<keys>keys/}. */
    private void search() throws Exception {
        for (Path results : List.of(out, out.resolve(Ceiling.DIR), out.resolve("sources"))) {
            if (!Files.isRegularFile(results.resolve(Json.SUMMARY_FILE))) {
                continue;
            }
            for (RunSummary run : SweepSummary.read(results).runs()) {
                if (run.rateSteps() == null) {
                    continue;
                }
                Path dir = results.resolve("search").resolve(RunSummary.directoryName(run.label(), run.keys()));
                SearchSummary search = Search.fromStaircase(dir, run, SweepSummary.runDirectory(results, run));
                log.printf("search: %s at %,d keys: highest sustained %,d words/s (%s)%n", run.label(), run.keys(),
                        search.highestSustainedRateWordsPerS(), search.conclusion());
            }
        }
    }

    /** The same points as the walks', each in a JVM of its own: how far apart the two ways of measuring are. */
    private void fresh() throws Exception {
        Sweep.run(out.resolve("fresh"), ProfilePlan.fresh(), child(), log);
    }

    /** Each of {@link ProfilePlan#RECOVERIES}: {@code ./lab recovery} through its command line (stable for scripts). */
    private void recovery() throws Exception {
        for (ProfilePlan.Recovery plan : ProfilePlan.RECOVERIES) {
            Path dir = out.resolve(plan.dir());
            RecoverySummary done = Files.isDirectory(dir) ? RecoverySummary.readIfPresent(dir) : null;
            int runs = plan.variants().size() * plan.keys().size() * plan.kill().split(",").length;
            if (done != null && done.runs().size() == runs) {
                log.println("recovery: kept " + dir.resolve(Json.SUMMARY_FILE));
                continue;
            }
            int exit = Lab.commandLine().execute("recovery", "--variants", String.join(",", plan.variants()),
                    "--keys", String.join(",", plan.keys()), "--source", plan.source().label(), "--kill", plan.kill(),
                    "--rate", ProfilePlan.RECOVERY_RATE, "--before-kill", "10s", "--after-catch-up", "3s",
                    "--heap", "12g", "--out", dir.toString());
            log.println("recovery " + plan.dir() + ": exit code " + exit);
        }
    }

    /**
     * structured on both sources at a rate Spark's socket source cannot sustain; the DStream variants on the socket
     * source at the sweep's 10 k keys with its staircase (the highest rate each sustains held against its replay
     * runs in the sweep).
     */
    private void sources() throws Exception {
        Sweep.run(out.resolve("sources"), ProfilePlan.sources(), child(), log);
    }

    /**
     * The latency walks ({@code latency/}), then the shortest sustained batch interval of each of
     * {@link ProfilePlan#INTERVAL_VARIANTS} ({@code latency/intervals/<variant>/}).
     */
    private void latency() throws Exception {
        Path dir = out.resolve(ProfilePlan.LATENCY_DIR);
        ToLongFunction<String> walkAtLeast = v -> ProfilePlan.COMPARED.contains(v) ? ProfilePlan.COMPARE_AT_KEYS : 0L;
        Sweep.run(dir, ProfilePlan.latencyWalks(), child(), false, walkAtLeast, log);
        log.println("report: " + Report.write(dir));
        for (String variant : ProfilePlan.INTERVAL_VARIANTS) {
            RunSettings template = ProfilePlan.intervalTemplate(variant);
            Path searchDir = ProfilePlan.intervalDirectory(out, template.label());
            IntervalSearch.run(searchDir, template, ProfilePlan.INTERVALS_MS, child(), log);
            log.println("report: " + Report.write(searchDir));
        }
    }

    /** Every measured run of the profile in a lab JVM of its own, with {@link #CHILD_JVM}. */
    private static Runner child() {
        return Runner.inChild(new LabJvms(), CHILD_JVM);
    }
}
