package statelab.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.IntervalSearch;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.results.IntervalSearchSummary;
import statelab.harness.results.Json;
import statelab.loadgen.Converters.CountConverter;
import statelab.loadgen.Converters.DurationMsConverter;

/** {@code lab interval VARIANT --keys K --rate R}: the shortest batch interval a variant sustains, and its latency. */
@Command(name = "interval", mixinStandardHelpOptions = true,
        description = {"Find the shortest batch interval VARIANT sustains (keeps up, counts verified, the source not",
                "held back) at --keys and --rate, and the end-to-end word latency it gives: one measured run per",
                "interval of --intervals, from the longest down, stopping at the first not sustained (--batch is",
                "replaced by each interval). Probes below --out/probes/, every probe and the result in",
                "--out/summary.json. Started again on the same --out it keeps the probes.",
                "Example: ./lab interval map-with-state --keys 10k --rate 30k --intervals 1s,500ms,250ms,100ms "
                        + "--measure 6s --checkpoint-every 20 --out runs/interval"})
final class IntervalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT", description = "The variant (./lab variants lists them).")
    String variantName;

    @Option(names = "--keys", required = true, converter = CountConverter.class,
            description = "Distinct keys in state, e.g. 10k, 1M.")
    long keys;

    @Option(names = "--intervals", required = true, split = ",", converter = DurationMsConverter.class,
            paramLabel = "D[,D...]", description = "Batch intervals to try, longest first, e.g. 1s,500ms,250ms.")
    List<Long> intervalsMs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory.")
    Path out;

    @Mixin
    RunnerOptions runs;

    @Mixin
    MeasureOptions.Rate rate;

    @Mixin
    MeasureOptions measure;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        RunSettings template = measure.settings(variant, keys, rate.rateWordsPerS);
        Runner runner = runs.runner();
        IntervalSearchSummary summary = IntervalSearch.run(out, template, intervalsMs, runner, System.out);
        System.out.println("results: " + out.resolve(Json.SUMMARY_FILE) + "  (draw them: ./lab report " + out + ")");
        return summary.probes().stream().allMatch(p -> p.run().usable()) ? 0 : Lab.EXIT_FAILED;
    }
}
