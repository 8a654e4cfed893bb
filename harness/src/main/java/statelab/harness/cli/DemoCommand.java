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
import statelab.harness.demo.DemoSweep;
import statelab.loadgen.Converters.DurationMsConverter;

/**
 * {@code lab demo}: the main job. First the chapter: a load generator in-process plays the chapter's timeline
 * to every variant and their outputs are shown second by second. Then the lesson in numbers: a small sweep of
 * the stateful variants at two state sizes under a steady load, every run verified against the ledger, and
 * the report with its charts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The chapter, live: every variant reads the chapter's timeline from an in-process load",
                "generator (second 1: blue x5 green x3, second 2: gohawks, second 4: green x2) and the",
                "outputs are shown second by second. Then a small sweep (table-reaggregation, update-state,",
                "map-with-state, structured at two key counts) measures what the state costs, and a report",
                "with charts is written. Nothing to start by hand; about 2 minutes on 2 cores once built."})
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
            description = "Where the sweep's results and report go (default: runs/demo-TIME).")
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
        return DemoSweep.run(dir, System.out) ? 0 : Lab.EXIT_FAILED;
    }
}
