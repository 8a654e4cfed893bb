package statelab.harness;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.RunSpec;
import statelab.core.Variant;

/** The options every command that starts a variant shares (a picocli mixin), and their translation to a RunSpec. */
final class SparkRunOptions {

    @Option(names = "--host", defaultValue = RunSpec.DEFAULT_HOST, description = "Load generator host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--batch", defaultValue = "1s", converter = Units.DurationMs.class,
            description = "Batch (trigger) interval, e.g. 1s, 500ms (default: ${DEFAULT-VALUE}).")
    long batchMs;

    @Option(names = "--master",
            description = "Spark master: local[N], local[*] or spark://host:7077 (default: spark-submit's --master "
                    + "when submitted, else " + RunSpec.DEFAULT_MASTER + ").")
    String master;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "State checkpoint directory; a run on the same directory resumes (default: a temporary one).")
    Path checkpoint;

    @Option(names = "--fresh", description = "Start over on a checkpoint directory the lab wrote before.")
    boolean fresh;

    @Option(names = "--partitions", defaultValue = "2",
            description = "Shuffle partitions / parallelism (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "BATCHES",
            description = "State checkpoint interval of the DStream variants, in batches (default: ${DEFAULT-VALUE}).")
    int checkpointEveryBatches;

    @Option(names = "--ui", description = "Start Spark's web UI on 127.0.0.1.")
    boolean ui;

    @Mixin
    VariantOptions variantOptions;

    /** The master spark-submit was given (it passes it as the system property spark.master), else {@code otherwise}. */
    static String submittedMaster(String otherwise) {
        return System.getProperty("spark.master", otherwise);
    }

    /** The run spec for {@code variant} at {@code port}; options the variant does not take are an error. */
    RunSpec.Builder toSpec(Variant variant, int port) {
        Map<String, String> options = variantOptions.forVariant(variant);
        RunSpec.Builder builder = RunSpec.builder(variant.name()).host(host).port(port).batchMs(batchMs)
                .master(master != null ? master : submittedMaster(RunSpec.DEFAULT_MASTER))
                .checkpointDir(checkpoint).fresh(fresh).partitions(partitions)
                .checkpointEveryBatches(checkpointEveryBatches).uiEnabled(ui);
        options.forEach(builder::option);
        return builder;
    }

}
