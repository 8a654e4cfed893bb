package statelab.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.LabException;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Search;
import statelab.harness.measure.Sweep;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchBounds;
import statelab.harness.results.SearchSummary;
import statelab.harness.results.SweepSummary;
import statelab.loadgen.Converters.CountConverter;

/** {@code lab search VARIANT --keys K}: the highest rate a variant sustains at K keys, probe by probe. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find the highest update rate VARIANT sustains (keeps up, counts verified) at --keys: short",
                "measured runs (probes), each in its own JVM, from --from up by --factor while sustained, down while",
                "not, then bisecting until within --precision; at most --probes runs. Probes below --out/probes/,",
                "every probe and the result in --out/summary.json. Started again on the same --out it keeps the "
                        + "probes.",
                "With --staircase RATE: one run instead (below --out/run/), measured at --from, then stepped up from",
                "RATE by --staircase-factor while each step is sustained; the steps are the probes.",
                "Example: ./lab search map-with-state --keys 10k --from 300k --warmup 3s --measure 6s --out "
                        + "runs/search",
                "Example: ./lab search map-with-state --keys 1M --from 30k --staircase 60k --out runs/search-1m"})
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT", description = "The variant (./lab variants lists them).")
    String variantName;

    @Option(names = "--keys", required = true, converter = CountConverter.class,
            description = "Distinct keys in state, e.g. 10k, 1M.")
    long keys;

    @Option(names = "--from", converter = CountConverter.class, paramLabel = "WORDS_PER_S",
            description = "First rate to probe (default: the --reuse run's rate, else 100k).")
    Long fromRate;

    @Option(names = "--min", defaultValue = "1000", converter = CountConverter.class,
            paramLabel = "WORDS_PER_S", description = "Lowest rate to probe (default: ${DEFAULT-VALUE}).")
    long minRate;

    @Option(names = "--max", defaultValue = "20M", converter = CountConverter.class,
            paramLabel = "WORDS_PER_S", description = "Highest rate to probe (default: ${DEFAULT-VALUE}).")
    long maxRate;

    @Option(names = "--factor", defaultValue = "4",
            description = "Step up or down by this factor (default: ${DEFAULT-VALUE}).")
    double factor;

    @Option(names = "--precision", defaultValue = "2",
            description = "Stop once the highest sustained and lowest failed rates are within this factor (default: "
                    + "${DEFAULT-VALUE}).")
    double precision;

    @Option(names = "--probes", defaultValue = "5",
            description = "At most this many probes are run (default: ${DEFAULT-VALUE}).")
    int maxProbes;

    @Option(names = "--reuse", paramLabel = "SWEEP_DIR",
            description = "A sweep directory whose run of VARIANT at --keys (same windows) counts as a probe.")
    Path reuse;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory.")
    Path out;

    @Mixin
    RunnerOptions runs;

    @Mixin
    MeasureOptions measure;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        if (reuse != null && !SweepSummary.FORMAT.equals(Json.formatOf(reuse.resolve(Json.SUMMARY_FILE)))) {
            throw new LabException("--reuse " + reuse + (Files.isDirectory(reuse) ? " holds no sweep (no "
                    + Json.SUMMARY_FILE + " of format " + SweepSummary.FORMAT + ")" : " is not a directory"));
        }
        RunSettings template = measure.settings(variant, keys, 1);
        RunSummary reused = reuse == null ? null : Search.reusedRun(reuse, template);
        long from = fromRate != null ? fromRate : reused != null ? reused.rateWordsPerS() : 100_000;
        SearchBounds bounds = new SearchBounds(from, minRate, maxRate, factor, precision, maxProbes);
        Runner runner = runs.runner();
        SearchSummary summary;
        if (template.steps() != null) {
            RunSettings settings = template.toBuilder().rateWordsPerS(from).build();
            settings.validate();
            Path runDir = out.resolve("run");
            RunSummary run = Sweep.finishedRun(runDir, settings);
            if (run == null || !run.usable()) {
                run = runner.runOne(settings, runDir);
            }
            summary = Search.fromStaircase(out, run, runDir);
            System.out.printf("%s at %,d keys: highest sustained rate %s (%s)%n", variantName, keys,
                    summary.highestSustainedRateWordsPerS() < 0 ? "none"
                            : String.format("%,d words/s", summary.highestSustainedRateWordsPerS()), summary
                            .conclusion());
        } else {
            summary = Search.run(out, template, bounds, reuse, runner, System.out);
        }
        System.out.println("results: " + out.resolve(Json.SUMMARY_FILE) + "  (draw them: ./lab report " + out + ")");
        return summary.probes().stream().allMatch(p -> p.run().usable()) ? 0 : Lab.EXIT_FAILED;
    }
}
