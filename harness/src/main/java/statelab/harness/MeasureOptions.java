package statelab.harness;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.loadgen.LoadGenCommand;
import statelab.core.Variant;

/** How a measured run is shaped (a picocli mixin shared by bench, sweep and search). */
final class MeasureOptions {

    @Mixin
    RunShapeOptions shape;

    @Option(names = "--warmup", defaultValue = "10s", converter = Units.DurationMs.class,
            description = "Batches after the fill that are recorded but not measured (default: ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--measure", defaultValue = "60s", converter = Units.DurationMs.class,
            description = "The measured window (default: ${DEFAULT-VALUE}).")
    long measureMs;

    @Option(names = "--master",
            description = "Spark master (default: local with --cores processing cores plus one for a DStream receiver).")
    String master;

    @Option(names = "--words-per-line", defaultValue = "10", description = "Words per line (default: ${DEFAULT-VALUE}).")
    int wordsPerLine;

    @Option(names = "--verify-timeout", defaultValue = "60s", converter = Units.DurationMs.class,
            description = "After the load, give up on the final counts when no batch has completed for this long "
                    + "(default: ${DEFAULT-VALUE}).")
    long verifyTimeoutMs;

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "BATCHES",
            description = "State checkpoint interval of the DStream variants, in batches (default: ${DEFAULT-VALUE}).")
    int checkpointEveryBatches;

    @Option(names = "--quit-when-behind",
            description = "Stop a run found falling behind at the end of its measured window instead of draining and "
                    + "verifying it (its counts are then marked not verified).")
    boolean quitWhenBehind;

    @Option(names = "--staircase", converter = LoadGenCommand.CountConverter.class, paramLabel = "WORDS_PER_S",
            description = "After the measured window, search the highest sustained rate in steps of the same run: "
                    + "the first step at this rate, then up by --staircase-factor while sustained and bisecting "
                    + "after a failed step until within --staircase-precision.")
    Long staircaseFromRate;

    @Option(names = "--staircase-factor", defaultValue = "4",
            description = "With --staircase: step up by this factor (default: ${DEFAULT-VALUE}).")
    double staircaseFactor;

    @Option(names = "--staircase-precision", defaultValue = "2",
            description = "With --staircase: stop once sustained and failed rates are within this factor "
                    + "(default: ${DEFAULT-VALUE}).")
    double staircasePrecision;

    @Option(names = "--staircase-max", defaultValue = "20M", converter = LoadGenCommand.CountConverter.class,
            paramLabel = "WORDS_PER_S", description = "With --staircase: the highest rate to step to (default: ${DEFAULT-VALUE}).")
    long staircaseMaxRate;

    @Option(names = "--staircase-steps", defaultValue = "6",
            description = "With --staircase: at most this many steps (default: ${DEFAULT-VALUE}).")
    int staircaseSteps;

    @Option(names = "--step-settle", defaultValue = "2s", converter = Units.DurationMs.class,
            description = "With --staircase: time a step's rate runs before its batches count (default: ${DEFAULT-VALUE}).")
    long stepSettleMs;

    @Option(names = "--step-measure", defaultValue = "6s", converter = Units.DurationMs.class,
            description = "With --staircase: the batches that judge a step (default: ${DEFAULT-VALUE}).")
    long stepMeasureMs;

    @Mixin
    VariantOptions variantOptions;

    /** The --rate option of the commands that measure at one rate (a search sets the rate per probe). */
    static final class Rate {
        @Option(names = "--rate", required = true, converter = LoadGenCommand.CountConverter.class,
                paramLabel = "WORDS_PER_S", description = "Update rate in words per second, e.g. 100000 or 100k.")
        long rateWordsPerS;
    }

    Experiment.Settings settings(Variant variant, long keys, long rateWordsPerS) {
        return new Experiment.Settings(variant.name(), keys, rateWordsPerS, wordsPerLine, shape.batchMs, warmupMs,
                measureMs, master, shape.cores, shape.partitions, shape.seed, variantOptions.forVariant(variant), verifyTimeoutMs,
                checkpointEveryBatches, quitWhenBehind, staircaseFromRate == null ? null
                        : new RateSteps(new Search.Bounds(staircaseFromRate, rateWordsPerS, staircaseMaxRate,
                        staircaseFactor, staircasePrecision, staircaseSteps), stepSettleMs, stepMeasureMs));
    }

    /**
     * One run's settings per source in {@code --source} (a comma list) for a variant that reads one; one run
     * (the source left out) for a variant that does not, so a sweep can mix both kinds.
     */
    List<Experiment.Settings> settingsPerSource(Variant variant, long keys, long rateWordsPerS) {
        String sources = variantOptions.source;
        if (sources == null) {
            return List.of(settings(variant, keys, rateWordsPerS));
        }
        boolean readsOne = variant.optionNames().contains(statelab.structured.StructuredWordCount.SOURCE);
        List<Experiment.Settings> runs = new ArrayList<>();
        for (String source : readsOne ? sources.split(",") : new String[] {null}) {
            variantOptions.source = source == null ? null : source.strip();
            try {
                runs.add(settings(variant, keys, rateWordsPerS));
            } finally {
                variantOptions.source = sources;
            }
        }
        return runs;
    }
}
