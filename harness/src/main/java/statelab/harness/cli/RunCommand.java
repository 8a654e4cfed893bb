package statelab.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.ConsoleRun;
import statelab.core.RunSpec;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.loadgen.Converters.DurationMsConverter;

/** {@code lab run VARIANT}: one variant in the foreground, printing every batch like DStream.print(). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one word-count variant against a load generator and print every batch.",
                "Stateful variants print running totals, stateless prints each batch's own counts.",
                "Example: ./lab loadgen --port 9999 --script chapter   (in another terminal)",
                "         ./lab run update-state --port 9999"})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT",
            description = "One of: stateless, table-reaggregation, update-state, map-with-state, structured, "
                    + "structured-rocksdb, structured-arbitrary (./lab variants lists them).")
    String variantName;

    @Option(names = "--port", required = true, description = "Load generator port.")
    int port;

    @Mixin
    SparkRunOptions spark;

    @Option(names = "--duration", converter = DurationMsConverter.class, defaultValue = "0",
            description = "Stop after this long, e.g. 30s (default: run until interrupted).")
    long durationMs;

    @Option(names = "--idle-stop", converter = DurationMsConverter.class, defaultValue = "0", paramLabel = "DURATION",
            description = "Stop once input has stopped for this long after the first batch with input, e.g. 5s "
                    + "(default: never); for a load generator stream that ends (--duration, --script).")
    long idleStopMs;

    @Option(names = "--counts-out", paramLabel = "FILE",
            description = "Write the final counts (word<TAB>count, sorted) here when the run ends or is stopped.")
    Path countsOut;

    @Option(names = "--batches-out", paramLabel = "FILE",
            description = "Append every batch to this CSV file as it completes: its time, lines, delays and, on the "
                    + "replay source, its line range (fromLine,toLine).")
    Path batchesOut;

    @Option(names = "--print-limit", defaultValue = "20",
            description = "Rows printed per batch (default: ${DEFAULT-VALUE}).")
    int printLimit;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        RunSpec.Builder builder = spark.toSpec(variant, port);
        if (countsOut != null) {
            OutputFile.checkWritable(countsOut);
        }
        if (batchesOut != null) {
            OutputFile.checkWritable(batchesOut);
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("--duration must not be negative");
        }
        if (idleStopMs < 0) {
            throw new IllegalArgumentException("--idle-stop must not be negative");
        }
        if (printLimit < 1) {
            throw new IllegalArgumentException("--print-limit must be at least 1, got " + printLimit);
        }
        return ConsoleRun.run(variant, builder.build(), durationMs, idleStopMs, printLimit, countsOut, batchesOut,
                System.out, System.err);
    }
}
