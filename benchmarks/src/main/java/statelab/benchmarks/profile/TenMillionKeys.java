package statelab.benchmarks.profile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.harness.cli.LabJvms;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Sweep;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

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
    static final long RATE = ProfilePlan.SWEEP_RATE;
    /** Three windows, each holding one of map-with-state's checkpoint batches (every 30 batches) and what follows. */
    static final long MEASURE_MS = 90_000;
    /** Heap for 10 M keys: map-with-state keeps them deserialized, in more than one cached generation. */
    static final String HEAP = "-Xmx16g";

    /** One variant's run and the JVM options it runs with. */
    record Trial(RunSettings settings, List<String> jvmOptions) {
    }

    private TenMillionKeys() {
    }

    static List<Trial> trials(List<String> childJvm) {
        List<Trial> trials = new ArrayList<>();
        List<String> mapWithState = new ArrayList<>(childJvm);
        mapWithState.add(HEAP);
        trials.add(new Trial(measured("map-with-state").toBuilder()
                .checkpointEveryBatches(MAP_WITH_STATE_CHECKPOINT_EVERY).verifyTimeoutMs(180_000).build(),
                mapWithState));
        List<String> rocksDb = new ArrayList<>(mapWithState);
        rocksDb.addAll(ROCKSDB_SPARK_PROPERTIES);
        trials.add(new Trial(measured("structured-rocksdb").toBuilder().verifyTimeoutMs(180_000).build(), rocksDb));
        return trials;
    }

    /** A point of 10 M keys in a JVM of its own, measured as the profile's windows over {@link #MEASURE_MS}. */
    private static RunSettings measured(String variant) {
        return ProfilePlan.point(variant, null, KEYS, List.of(KEYS), RATE, null, ProfilePlan.STAIRCASE_MAX)
                .toBuilder().measureMs(MEASURE_MS).build();
    }

    /**
     * map-with-state's state checkpoint interval at 10 M keys, in batches: a checkpoint batch writes the whole
     * state (about 0.9 s per million keys in the sweep), so at Spark's default of 10 batches the checkpoints alone
     * would take most of every interval's time; every 30 batches they take about a third.
     */
    static final int MAP_WITH_STATE_CHECKPOINT_EVERY = 30;
    /**
     * Spark settings for structured-rocksdb at 10 M keys (system properties reach a run's SparkConf): changelog
     * checkpointing, so a micro-batch commits the keys it changed rather than RocksDB's new files.
     */
    static final List<String> ROCKSDB_SPARK_PROPERTIES =
            List.of("-Dspark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled=true");

    static void run(Path dir, List<String> childJvm, PrintStream log) throws Exception {
        for (Trial trial : trials(childJvm)) {
            Sweep.run(dir.resolve(trial.settings().label()), List.of(trial.settings()),
                    Runner.inChild(new LabJvms(), trial.jvmOptions()), log);
        }
    }

    /** The runs of a {@code ten-million} directory (none when the step was not run). */
    static List<RunSummary> runs(Path dir) {
        List<RunSummary> runs = new ArrayList<>();
        for (Trial trial : trials(List.of())) {
            Path variantDir = dir.resolve(trial.settings().label());
            if (java.nio.file.Files.isRegularFile(variantDir.resolve(Json.SUMMARY_FILE))) {
                runs.addAll(SweepSummary.read(variantDir).runs());
            }
        }
        return runs;
    }
}
