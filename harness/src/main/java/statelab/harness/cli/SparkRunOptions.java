package statelab.harness.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.SparkConfs;
import statelab.core.SparkSettings;
import statelab.core.Variant;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.RunShape;
import statelab.loadgen.Converters.DurationMsConverter;

/** The options every command that starts a variant shares (a picocli mixin), and their translation to a RunSpec. */
final class SparkRunOptions {

    @Option(names = "--host", defaultValue = RunSpec.DEFAULT_HOST,
            description = "Load generator host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--batch", defaultValue = RunShape.DEFAULT_BATCH, converter = DurationMsConverter.class,
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

    @Option(names = "--partitions", defaultValue = "" + RunShape.DEFAULT_PARTITIONS,
            description = "Shuffle partitions / parallelism (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunSettings.DEFAULT_CHECKPOINT_EVERY_BATCHES,
            paramLabel = "BATCHES",
            description = "State checkpoint interval of the DStream variants, in batches (default: ${DEFAULT-VALUE}).")
    int checkpointEveryBatches;

    @Option(names = "--ui", description = "Start Spark's web UI on 127.0.0.1 (its address is printed).")
    boolean ui;

    @Mixin
    SourceOption source;

    @Mixin
    VariantOptions variantOptions;

    @Mixin
    SparkConfOption conf;

    /** The run spec for {@code variant} at {@code port}; options the variant does not take are an error. */
    RunSpec.Builder toSpec(Variant variant, int port) {
        if (fresh && checkpoint == null) {
            throw new LabException("--fresh starts over on a checkpoint directory: give it with --checkpoint DIR");
        }
        Map<String, String> options = variantOptions.forVariant(variant);
        Map<String, String> sparkConf = conf.settings();
        SparkConfs.check(sparkConf, variant);
        RunSpec.Builder builder = RunSpec.builder(variant.name()).source(variant.resolveSource(source.single()))
                .host(host).port(port).batchMs(batchMs)
                .master(master != null ? master : SparkSettings.submittedMaster(RunSpec.DEFAULT_MASTER))
                .checkpointDir(checkpoint).fresh(fresh).partitions(partitions)
                .checkpointEveryBatches(checkpointEveryBatches).uiEnabled(ui).sparkConf(sparkConf);
        options.forEach(builder::option);
        return builder;
    }
}
