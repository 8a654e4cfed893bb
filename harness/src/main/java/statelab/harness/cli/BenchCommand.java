package statelab.harness.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Sweep;
import statelab.harness.measure.Walk;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;
import statelab.loadgen.Converters.CountConverter;

/**
 * {@code lab bench VARIANT}: one measured run in this JVM, or a walk through several state sizes (the command is
 * its own JVM; a sweep starts one per walk). Exit code 1 when the counts could not be verified against the
 * ledger.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure one variant: fill the state to --keys distinct keys, warm up, measure at --rate",
                "as --windows windows, verify the final counts against the load generator's ledger, and write",
                "batches.csv, *.hlog (HdrHistogram interval logs) and summary.json into --out.",
                "Several --keys walk through them in this JVM: each key step sends the new keys once, waits",
                "until the variant caught up, measures; the counts are verified once, at the end. Each point",
                "goes to --out/runs/<variant>-<keys>keys/, the sweep summary to --out/summary.json.",
                "Example: ./lab bench map-with-state --keys 100k --rate 100k --measure 30s",
                "Example: ./lab bench update-state --keys 10k,100k,1M --rate 30k --measure 30s --out runs/walk"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "VARIANT", description = "The variant (./lab variants lists them).")
    String variantName;

    @Option(names = "--keys", required = true, split = ",", converter = CountConverter.class,
            paramLabel = "K[,K...]",
                    description = "Distinct keys in state, e.g. 10k, 1M; several (increasing): a walk.")
    List<Long> keys;

    @Option(names = "--walk-at-least", defaultValue = "0", converter = CountConverter.class, paramLabel = "K",
            description = "A walk ends at its first point that falls behind, unless it has not reached K keys yet.")
    long walkAtLeastKeys;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: runs/VARIANT-KEYS-TIME).")
    Path out;

    @Mixin
    MeasureOptions.Rate rate;

    @Mixin
    MeasureOptions measure;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        List<RunSettings> points = measure.walk(variant, keys, rate.rateWordsPerS, measure.source.single());
        for (RunSettings point : points) {
            point.validate();
        }
        RunSettings first = points.get(0);
        Path dir = out != null ? out : Path.of("runs", (points.size() == 1
                ? RunSummary.directoryName(first.label(), first.keys()) : "walk-" + first.label()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<RunSummary> done = Walk.run(points, walkAtLeastKeys, dir, System.out);
        if (points.size() > 1) {
            // The walk's points as a sweep (with those of other walks already in the directory at the same load).
            List<RunSummary> all = new ArrayList<>();
            if (SweepSummary.FORMAT.equals(Json.formatOf(dir.resolve(Json.SUMMARY_FILE)))) {
                SweepSummary earlier = SweepSummary.read(dir);
                if (earlier.rateWordsPerS() == first.rateWordsPerS() && earlier.batchMs() == first.batchMs()) {
                    earlier.runs().stream().filter(r -> !r.label().equals(first.label())).forEach(all::add);
                }
            }
            all.addAll(done);
            Sweep.record(dir, first, all);
        }
        System.out.println("results: " + dir.resolve(Json.SUMMARY_FILE));
        return !done.isEmpty() && done.stream().allMatch(RunSummary::usable) ? 0 : Lab.EXIT_FAILED;
    }
}
