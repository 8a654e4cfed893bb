package statelab.harness.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.harness.measure.RunShape;
import statelab.loadgen.Converters.DurationMsConverter;

/**
 * What every measured run is shaped by, whatever it measures (a picocli mixin shared by bench, sweep, search and
 * recovery): the batch interval, the processing cores and shuffle partitions, the load generator's seed and extra
 * Spark settings. The defaults are {@link RunShape}'s.
 */
final class RunShapeOptions {

    @Option(names = "--batch", defaultValue = RunShape.DEFAULT_BATCH, converter = DurationMsConverter.class,
            description = "Batch (trigger) interval (default: ${DEFAULT-VALUE}).")
    long batchMs;

    @Option(names = "--cores", defaultValue = "" + RunShape.DEFAULT_CORES,
            description = "Processing cores every variant gets (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--partitions", defaultValue = "" + RunShape.DEFAULT_PARTITIONS,
            description = "Shuffle partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "" + RunShape.DEFAULT_SEED,
            description = "Load generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SparkConfOption conf;

    /**
     * A shape with these options for {@code variant}; keys, rate, words per line, source and options follow. The
     * Spark settings are checked against the variant when the shape is validated.
     */
    RunShape.Builder shape(String variant) {
        return RunShape.builder(variant).batchMs(batchMs).cores(cores).partitions(partitions).seed(seed)
                .sparkConf(conf.settings());
    }
}
