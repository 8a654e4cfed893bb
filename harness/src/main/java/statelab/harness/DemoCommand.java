package statelab.harness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import statelab.core.RunSpec;
import statelab.core.Variant;
import statelab.core.Variants;

/**
 * {@code lab demo}: the main job. Starts a load generator in-process with the chapter's timeline and runs
 * every variant on it, then shows their outputs second by second.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The chapter, live: every variant reads the chapter's timeline from an in-process load",
                "generator (second 1: blue x5 green x3, second 2: gohawks, second 4: green x2) and the",
                "outputs are shown second by second. Nothing to start by hand."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--variants", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Variants to run (default: stateless, update-state, map-with-state, structured, "
                    + "table-reaggregation).")
    List<String> variantNames = List.of("stateless", "update-state", "map-with-state", "structured",
            "table-reaggregation");

    @Option(names = "--master", defaultValue = RunSpec.DEFAULT_MASTER, description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--batch", defaultValue = "1s", converter = Units.DurationMs.class,
            description = "Batch interval (default: ${DEFAULT-VALUE}, as in the chapter).")
    long batchMs;

    @Override
    public Integer call() throws Exception {
        List<Variant> variants = variantNames.stream().map(Variants::byName).collect(Collectors.toList());
        Map<String, List<ChapterDemo.Batch>> results = ChapterDemo.run(variants, master, batchMs, System.out);
        ChapterDemo.printSideBySide(results, batchMs, System.out);
        return 0;
    }
}
