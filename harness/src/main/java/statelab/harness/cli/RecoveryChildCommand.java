package statelab.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.RecoveryChild;

/**
 * {@code lab recovery-child VARIANT ...}: the variant's JVM in a recovery measurement ({@link RecoveryChild} says
 * what it does and which orders it takes on standard input). Not meant to be run by hand.
 */
@Command(name = "recovery-child", hidden = true, description = "The variant's JVM in ./lab recovery.")
final class RecoveryChildCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT")
    String variantName;

    @Option(names = "--port", required = true)
    int port;

    @Mixin
    SparkRunOptions spark;

    @Option(names = "--batches-out", required = true)
    Path batchesOut;

    @Option(names = "--counts-out", required = true)
    Path countsOut;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        boolean done = RecoveryChild.run(variant, spark.toSpec(variant, port), spark.batchMs, batchesOut, countsOut,
                System.in);
        return done ? 0 : Lab.EXIT_FAILED;
    }
}
