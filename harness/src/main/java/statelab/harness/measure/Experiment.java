package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import statelab.harness.results.RunSummary;

/**
 * One measured run: a variant under a fixed load at one state size, in this JVM: a {@link Walk} of one point.
 * Its files (batches.csv, the .hlog files, summary.json) go straight into the output directory.
 */
public final class Experiment {

    private Experiment() {
    }

    /** Runs in this JVM and writes batches.csv, the .hlog files and summary.json into {@code outDir}. */
    public static RunSummary run(RunSettings settings, Path outDir, PrintStream log) throws Exception {
        return Walk.run(List.of(settings), 0, outDir, log).get(0);
    }
}
