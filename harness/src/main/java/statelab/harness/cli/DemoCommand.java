package statelab.harness.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import statelab.core.RunSpec;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.demo.ChapterDemo;
import statelab.harness.demo.DemoMeasurements;
import statelab.loadgen.Converters.DurationMsConverter;

/**
 * {@code lab demo}: the main job. First the chapter: a load generator in-process plays the chapter's timeline
 * to every variant and their outputs are shown second by second. Then the lessons in numbers
 * ({@link DemoMeasurements}): the anti-pattern's climb beside mapWithState, and walks of the stateful variants
 * through growing state, every count verified against the ledger, with reports and the verdicts in words.
 * Exit code 1 when a lesson was not shown.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The chapter, live: every variant reads the chapter's timeline from an in-process load",
                "generator (second 1: blue x5 green x3, second 2: gohawks, second 4: green x2) and the",
                "outputs are shown second by second. Then the lessons in numbers: the chapter's table",
                "re-aggregation batch after batch beside mapWithState (its cost climbs, it falls behind), and",
                "update-state, map-with-state and structured each walking from 10k to 150k keys in one JVM;",
                "reports with charts, and the verdicts in words. Nothing to start by hand; 3 to 3 1/2 minutes",
                "on 2 cores once built."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--variants", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Variants to run (default: stateless, update-state, map-with-state, structured, "
                    + "table-reaggregation).")
    List<String> variantNames = List.of("stateless", "update-state", "map-with-state", "structured",
            "table-reaggregation");

    @Option(names = "--master", defaultValue = RunSpec.DEFAULT_MASTER,
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--batch", defaultValue = "1s", converter = DurationMsConverter.class,
            description = "Batch interval (default: ${DEFAULT-VALUE}, as in the chapter).")
    long batchMs;

    @Option(names = "--no-sweep", description = "Only the chapter, no measurements.")
    boolean noSweep;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the measurements and reports go (default: runs/demo-TIME).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Variant> variants = variantNames.stream().map(Variants::byName).collect(Collectors.toList());
        Path dir = out != null ? out : Path.of("runs", "demo-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Map<String, List<ChapterDemo.Batch>> results = ChapterDemo.run(variants, master, batchMs, System.out);
        ChapterDemo.printSideBySide(results, batchMs, System.out);
        if (noSweep) {
            return 0;
        }
        return DemoMeasurements.run(dir, System.out) ? 0 : Lab.EXIT_FAILED;
    }
}
