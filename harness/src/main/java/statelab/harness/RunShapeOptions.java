package statelab.harness;

import picocli.CommandLine.Option;

/**
 * What every measured run is shaped by, whatever it measures (a picocli mixin shared by bench, sweep, search and
 * recovery): the batch interval, the processing cores and shuffle partitions, and the load generator's seed.
 */
final class RunShapeOptions {

    @Option(names = "--batch", defaultValue = "1s", converter = Units.DurationMs.class,
            description = "Batch (trigger) interval (default: ${DEFAULT-VALUE}).")
    long batchMs;

    @Option(names = "--cores", defaultValue = "2",
            description = "Processing cores every variant gets (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--partitions", defaultValue = "2",
            description = "Shuffle partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "1", description = "Load generator seed (default: ${DEFAULT-VALUE}).")
    long seed;
}
