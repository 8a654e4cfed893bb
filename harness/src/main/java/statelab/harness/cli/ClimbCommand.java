package statelab.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.Variants;
import statelab.harness.measure.Climb;
import statelab.harness.measure.RunShape;
import statelab.harness.report.Report;
import statelab.harness.results.ClimbSummary;
import statelab.loadgen.Converters.CountConverter;

/** {@code lab climb}: variants batch after batch at one load, to see whose cost grows with the batches before. */
@Command(name = "climb", mixinStandardHelpOptions = true,
        description = {"Run each of --variants at one load, batch after batch, for up to --batches batches (or until",
                "its scheduling delay passes 20 intervals): the chapter's table re-aggregation reads every batch",
                "ever appended, so its processing time climbs with the batches; state kept by Spark does not.",
                "Writes --out/summary.json (statelab-climb/1), climb.png and report.html.",
                "Example: ./lab climb --variants table-reaggregation,map-with-state --keys 1k --rate 20k --batch 500ms "
                        + "--batches 120 --out runs/climb"})
final class ClimbCommand implements Callable<Integer> {

    @Option(names = "--variants", required = true, split = ",", paramLabel = "NAME[,NAME...]",
            description = "Variants to climb, one after the other.")
    List<String> variantNames;

    @Option(names = "--keys", defaultValue = "1k", converter = CountConverter.class,
            description = "Distinct keys (default: ${DEFAULT-VALUE}).")
    long keys;

    @Option(names = "--batches", defaultValue = "120", description = "Batches with input per variant, at most "
            + "(default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory.")
    Path out;

    @Mixin
    MeasureOptions.Rate rate;

    @Mixin
    RunShapeOptions shape;

    @Mixin
    SourceOption source;

    @Override
    public Integer call() throws Exception {
        variantNames.forEach(Variants::byName);
        if (batches < 10) {
            throw new IllegalArgumentException("--batches must be at least 10, got " + batches);
        }
        RunShape template = shape.shape(variantNames.get(0)).keys(keys).rateWordsPerS(rate.rateWordsPerS)
                .source(source.single()).build();
        template.validate();
        ClimbSummary summary = Climb.run(variantNames, template, batches, out, System.out);
        System.out.println("report: " + Report.write(out).toAbsolutePath());
        return summary.climbs().isEmpty() ? Lab.EXIT_FAILED : 0;
    }
}
