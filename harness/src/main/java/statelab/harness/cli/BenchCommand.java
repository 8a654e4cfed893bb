package statelab.harness.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.Experiment;
import statelab.harness.measure.RunSettings;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.loadgen.Converters.CountConverter;

/**
 * {@code lab bench VARIANT}: one measured run in this JVM (the command is its own JVM; a sweep starts one per
 * run). Exit code 1 when the counts could not be verified against the ledger.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure one variant: fill the state to --keys distinct keys, warm up, measure at --rate,",
                "verify the final counts against the load generator's ledger, and write batches.csv,",
                "*.hlog (HdrHistogram interval logs) and summary.json into --out.",
                "Example: ./lab bench map-with-state --keys 100k --rate 100k --measure 30s"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT", description = "The variant (./lab variants lists them).")
    String variantName;

    @Option(names = "--keys", required = true, converter = CountConverter.class,
            description = "Distinct keys in state, e.g. 10k, 1M.")
    long keys;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: runs/VARIANT-KEYS-TIME).")
    Path out;

    @Mixin
    MeasureOptions.Rate rate;

    @Mixin
    MeasureOptions measure;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        RunSettings settings = measure.settings(variant, keys, rate.rateWordsPerS);
        settings.validate();
        Path dir = out != null ? out : Path.of("runs", RunSummary.directoryName(settings.label(), keys) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunSummary summary = Experiment.run(settings, dir, System.out);
        System.out.println("results: " + dir.resolve(Json.SUMMARY_FILE));
        return summary.usable() ? 0 : Lab.EXIT_FAILED;
    }
}
