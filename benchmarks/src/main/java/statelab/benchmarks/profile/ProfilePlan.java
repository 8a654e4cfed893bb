package statelab.benchmarks.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import statelab.core.Source;
import statelab.harness.measure.RunSettings;
import statelab.harness.results.RateSteps;
import statelab.harness.results.SearchBounds;

/**
 * What the benchmark profile measures, as settings: pure, so the plan reads in one place and tests can check it.
 * Every measured point is one of a walk (one JVM per variant through its key counts) or, in the {@code fresh}
 * step, a JVM of its own; each point is {@value #WINDOWS} windows of {@value #WINDOW_MS} ms.
 */
final class ProfilePlan {

    static final List<String> SWEEP_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb", "table-reaggregation");
    static final List<Long> SWEEP_KEYS = List.of(10_000L, 100_000L, 300_000L, 1_000_000L, 3_000_000L);
    /** The Databricks blog's load: 30,000 updates per second, 1 s batches. */
    static final long SWEEP_RATE = 30_000;
    static final long BATCH_MS = 1_000;
    static final int WINDOWS = 3;
    /**
     * A window holds one state checkpoint cycle of the DStream variants: checkpoints every
     * {@value #CHECKPOINT_EVERY} batches (Spark's default is 10), so three windows fit in 15 s per point.
     */
    static final int CHECKPOINT_EVERY = 5;
    static final long WINDOW_MS = CHECKPOINT_EVERY * BATCH_MS;
    static final long MEASURE_MS = WINDOWS * WINDOW_MS;
    /** At least this much warm-up after the first point's fill (longer while the fill's backlog is worked off). */
    static final long WARMUP_MS = 5_000;
    /**
     * And at least this long from the start of the fill to the first window: a fresh JVM needs about 20 batches
     * before a batch's cost settles (map-with-state at 10 k keys: about 450 ms in the first batches, 130 ms from
     * the twentieth on).
     */
    static final long WARMED_UP_AFTER_MS = 20_000;
    /** The key count the targets compare update-state and map-with-state at: both walk at least this far. */
    static final long COMPARE_AT_KEYS = 1_000_000;
    static final Set<String> COMPARED = Set.of("update-state", "map-with-state");

    /** Staircases after the points at these key counts, from these rates: the searches and the ceiling's. */
    static final Map<Long, Long> STAIRCASE_FROM = Map.of(10_000L, 1_000_000L, 1_000_000L, 120_000L);
    static final double STAIRCASE_FACTOR = 4;
    static final double STAIRCASE_PRECISION = 2;
    static final int STAIRCASE_STEPS = 4;
    static final long STEP_SETTLE_MS = 1_000;
    static final long STEP_MEASURE_MS = 5_000;
    static final long STAIRCASE_MAX = 40_000_000;

    /** The ceiling: the same count with no Spark, at the searches' key counts, its staircases from these rates. */
    static final List<Long> CEILING_KEYS = List.of(10_000L, 1_000_000L);
    static final Map<Long, Long> CEILING_STAIRCASE_FROM = Map.of(10_000L, 4_000_000L, 1_000_000L, 2_000_000L);

    static final long BASELINE_KEYS = 10_000;
    static final long BASELINE_RATE = 1_000_000;
    static final int BASELINE_ROUNDS = 2;

    /** The points the {@code fresh} step measures in a JVM each, to hold against the same points of the walks. */
    static final List<String> FRESH_VARIANTS = List.of("update-state", "map-with-state", "structured");
    static final List<Long> FRESH_KEYS = List.of(10_000L, 1_000_000L);

    /** One {@code ./lab recovery} of the profile: its results directory below the profile's, and what it kills. */
    record Recovery(String dir, Source source, String kill, List<String> variants, List<String> keys) {
    }

    static final List<String> RECOVERY_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb");
    static final String RECOVERY_RATE = "50k";
    /**
     * The driver killed on the replay source at two state sizes, on Spark's socket source at one, and an executor
     * or a worker killed on a standalone cluster of two workers.
     */
    static final List<Recovery> RECOVERIES = List.of(
            new Recovery("recovery", Source.REPLAY, "driver", RECOVERY_VARIANTS, List.of("10k", "100k")),
            new Recovery("recovery-socket", Source.SOCKET, "driver", RECOVERY_VARIANTS, List.of("10k")),
            new Recovery("recovery-cluster", Source.REPLAY, "executor,worker",
                    List.of("update-state", "map-with-state", "structured"), List.of("10k")));

    /** The source comparison: the rate at which Spark's socket source was seen to fall behind for good. */
    static final long SOURCES_KEYS = 10_000;
    static final long SOURCES_RATE = 100_000;

    /**
     * The latency step: walks through 10 k and 1 M keys at the sweep's load ({@link #latencyWalks}), then the
     * shortest batch interval each variant but the anti-pattern sustains at 10 k keys ({@code ./lab interval}; the
     * 1 s point is the walks'; stateless, with no state, is the floor of the engine itself). A fresh JVM at a short
     * interval first piles up a backlog while its code warms up, so the interval probes warm up longer than the
     * sweep; the state checkpoint keeps the sweep's period in time (5 s).
     */
    static final List<String> LATENCY_VARIANTS = List.of("update-state", "map-with-state", "structured",
            "structured-rocksdb");
    static final List<Long> LATENCY_KEYS = List.of(10_000L, 1_000_000L);
    static final List<String> INTERVAL_VARIANTS = List.of("stateless", "update-state", "map-with-state", "structured",
            "structured-rocksdb");
    static final long INTERVAL_KEYS = 10_000;
    static final List<Long> INTERVALS_MS = List.of(500L, 250L, 200L, 100L);
    static final long INTERVAL_WARMUP_MS = 30_000;
    static final String LATENCY_DIR = "latency";

    private ProfilePlan() {
    }

    /** The latency step's walks: each of {@link #LATENCY_VARIANTS} through {@link #LATENCY_KEYS}, no staircase. */
    static List<RunSettings> latencyWalks() {
        List<RunSettings> points = new ArrayList<>();
        for (String variant : LATENCY_VARIANTS) {
            points.addAll(walk(variant, null, LATENCY_KEYS, SWEEP_RATE, Map.of(), STAIRCASE_MAX));
        }
        return points;
    }

    /** Where the interval search of the run labelled {@code label} goes below the profile's directory. */
    static Path intervalDirectory(Path profileDir, String label) {
        return profileDir.resolve(LATENCY_DIR).resolve("intervals").resolve(label);
    }

    /** The interval search's template for {@code variant}: the sweep's point at 10 k keys, warmed up longer. */
    static RunSettings intervalTemplate(String variant) {
        return point(variant, null, INTERVAL_KEYS, List.of(INTERVAL_KEYS), SWEEP_RATE, null, STAIRCASE_MAX)
                .toBuilder().warmupMs(INTERVAL_WARMUP_MS).build();
    }

    /**
     * One point of the profile: {@code keys} of a walk through {@code walkKeys} (its keys alone: a JVM of its own),
     * warmed up at least {@link #WARMED_UP_AFTER_MS} from the fill's start, with a staircase from
     * {@code staircaseFrom} (null: none).
     */
    static RunSettings point(String variant, Source source, long keys, List<Long> walkKeys, long rate,
                             Long staircaseFrom, long staircaseMax) {
        RunSettings settings = RunSettings.builder(variant).source(source).keys(keys).walkKeys(walkKeys)
                .rateWordsPerS(rate).batchMs(BATCH_MS).warmupMs(WARMUP_MS).measureMs(MEASURE_MS).windows(WINDOWS)
                .checkpointEveryBatches(CHECKPOINT_EVERY).build();
        long firstFillMs = settings.toBuilder().keys(walkKeys.get(0)).walkKeys(walkKeys).build().fillMs();
        RateSteps steps = staircaseFrom == null ? null : new RateSteps(new SearchBounds(staircaseFrom, rate,
                staircaseMax, STAIRCASE_FACTOR, STAIRCASE_PRECISION, STAIRCASE_STEPS), STEP_SETTLE_MS,
                STEP_MEASURE_MS);
        return settings.toBuilder().warmupMs(Math.max(WARMUP_MS, WARMED_UP_AFTER_MS - firstFillMs)).steps(steps)
                .build();
    }

    /** A variant's walk through {@code keys} at {@code rate}, staircases where {@code stairs} says. */
    static List<RunSettings> walk(String variant, Source source, List<Long> keys, long rate, Map<Long, Long> stairs,
                                  long staircaseMax) {
        List<RunSettings> points = new ArrayList<>();
        for (long k : keys) {
            points.add(point(variant, source, k, keys, rate, stairs.get(k), staircaseMax));
        }
        return points;
    }

    /** The standard sweep: every variant's walk through every key count, at the blog's load. */
    static List<RunSettings> sweep() {
        List<RunSettings> points = new ArrayList<>();
        for (String variant : SWEEP_VARIANTS) {
            points.addAll(walk(variant, null, SWEEP_KEYS, SWEEP_RATE, STAIRCASE_FROM, STAIRCASE_MAX));
        }
        return points;
    }

    /** The ceiling's walk: the plain-Java count at the searches' key counts, each with a staircase. */
    static List<RunSettings> ceiling() {
        return walk(PlainJavaWordCount.NAME, null, CEILING_KEYS, SWEEP_RATE, CEILING_STAIRCASE_FROM, STAIRCASE_MAX);
    }

    /** The same points as the walks', each in a JVM of its own (no staircase). */
    static List<RunSettings> fresh() {
        List<RunSettings> points = new ArrayList<>();
        for (String variant : FRESH_VARIANTS) {
            for (long keys : FRESH_KEYS) {
                points.add(point(variant, null, keys, List.of(keys), SWEEP_RATE, null, STAIRCASE_MAX));
            }
        }
        return points;
    }

    /** A round of the baseline: the bare job and stateless (in alternating order from round to round). */
    static List<RunSettings> baselineRound(int round) {
        List<String> order = round % 2 == 1 ? List.of(BareSocketWordCount.NAME, "stateless")
                : List.of("stateless", BareSocketWordCount.NAME);
        List<RunSettings> runs = new ArrayList<>();
        for (String variant : order) {
            runs.add(point(variant, Source.SOCKET, BASELINE_KEYS, List.of(BASELINE_KEYS), BASELINE_RATE, null,
                    STAIRCASE_MAX));
        }
        return runs;
    }

    static Path baselineRound(Path dir, int round) {
        return dir.resolve("baseline").resolve("round-" + round);
    }

    /**
     * structured on both sources at a rate Spark's socket source cannot sustain; the DStream variants on Spark's
     * socket receiver at the sweep's 10 k keys with its staircase (their replay runs are the sweep's).
     */
    static List<RunSettings> sources() {
        List<RunSettings> runs = new ArrayList<>();
        for (Source source : List.of(Source.REPLAY, Source.SOCKET)) {
            runs.add(point("structured", source, SOURCES_KEYS, List.of(SOURCES_KEYS), SOURCES_RATE, null,
                    STAIRCASE_MAX).toBuilder().quitWhenBehind(true).build());
        }
        for (String variant : COMPARED.stream().sorted().toList()) {
            runs.add(point(variant, Source.SOCKET, SOURCES_KEYS, List.of(SOURCES_KEYS), SWEEP_RATE,
                    STAIRCASE_FROM.get(SOURCES_KEYS), STAIRCASE_MAX));
        }
        return runs;
    }
}
