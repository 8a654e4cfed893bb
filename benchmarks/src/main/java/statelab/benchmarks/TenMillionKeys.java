package statelab.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.harness.Experiment;
import statelab.harness.RunSummary;
import statelab.harness.Sweep;
import statelab.harness.SweepSummary;

/**
 * The benchmark profile's {@code ten-million} step: can map-with-state and structured-rocksdb keep 10 M keys with
 * 1 s batches at the sweep's load on this machine, with the settings below (each chosen by a measured trial, see
 * BENCHMARKS.md)? Not part of the profile's {@code all}: filling 10 M keys and working off the fill takes minutes
 * per run. One directory per variant ({@code ten-million/<variant>/}, a sweep of one run), since each runs with
 * JVM options of its own.
 *
 * <p>Usage: {@code mvn -Pbenchmark verify -Dbenchmark.steps=ten-million,report,targets}.
 */
final class TenMillionKeys {

    static final String STEP = "ten-million";
    static final long KEYS = 10_000_000;
    static final long RATE = BenchmarkProfile.SWEEP_RATE;
    /** A longer window than the sweep's: it must hold checkpoint batches and what follows each. */
    static final long MEASURE_MS = 30_000;

    /** One variant's run and the JVM options it runs with. */
    record Trial(Experiment.Settings settings, List<String> jvmOptions) {
    }

    private TenMillionKeys() {
    }

    static List<Trial> trials(List<String> childJvm) {
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial(BenchmarkProfile.measured("map-with-state", KEYS, RATE, MEASURE_MS).withCheckpointEveryBatches(MAP_WITH_STATE_CHECKPOINT_EVERY)
                .withVerifyTimeoutMs(180_000), childJvm));
        List<String> rocksDb = new ArrayList<>(childJvm);
        rocksDb.addAll(ROCKSDB_SPARK_PROPERTIES);
        trials.add(new Trial(BenchmarkProfile.measured("structured-rocksdb", KEYS, RATE, MEASURE_MS).withVerifyTimeoutMs(180_000), rocksDb));
        return trials;
    }

    /** map-with-state's state checkpoint interval at 10 M keys, in batches. */
    static final int MAP_WITH_STATE_CHECKPOINT_EVERY = 10;
    /** Spark settings for structured-rocksdb at 10 M keys (system properties reach a run's SparkConf). */
    static final List<String> ROCKSDB_SPARK_PROPERTIES = List.of();

    static void run(Path dir, List<String> childJvm, PrintStream log) throws Exception {
        for (Trial trial : trials(childJvm)) {
            Sweep.run(dir.resolve(trial.settings().label()), List.of(trial.settings()), Sweep::benchArguments,
                    trial.jvmOptions(), log);
        }
    }

    /** The runs of a {@code ten-million} directory (none when the step was not run). */
    static List<RunSummary> runs(Path dir) {
        List<RunSummary> runs = new ArrayList<>();
        for (Trial trial : trials(List.of())) {
            Path variantDir = dir.resolve(trial.settings().label());
            if (java.nio.file.Files.isRegularFile(variantDir.resolve(SweepSummary.FILE))) {
                runs.addAll(SweepSummary.read(variantDir).runs());
            }
        }
        return runs;
    }
}
