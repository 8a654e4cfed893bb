package statelab.harness.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.Runner;
import statelab.harness.measure.Sweep;
import statelab.harness.report.Report;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/**
 * The demo's lesson in numbers: a small sweep of the stateful variants at two state sizes under a steady load,
 * every run verified against the ledger, printed as a table, with the report and its charts.
 */
public final class DemoSweep {

    /** Small enough for about two minutes, large enough to show the lesson. */
    static final List<String> VARIANTS = List.of("table-reaggregation", "update-state", "map-with-state",
            "structured");
    static final List<Long> KEYS = List.of(1_000L, 100_000L);
    static final long RATE_WORDS_PER_S = 50_000;
    static final long BATCH_MS = 500;

    private DemoSweep() {
    }

    /** Runs the sweep into {@code dir} (in this JVM), prints its table and writes the report; true when verified. */
    public static boolean run(Path dir, PrintStream out) throws Exception {
        out.printf("%nWhat the state costs: %,d words/s, %d ms batches, 1,000 and 100,000 distinct keys%n",
                RATE_WORDS_PER_S, BATCH_MS);
        List<RunSettings> experiments = new ArrayList<>();
        for (String variant : VARIANTS) {
            for (long keys : KEYS) {
                experiments.add(RunSettings.builder(variant).keys(keys).rateWordsPerS(RATE_WORDS_PER_S)
                        .batchMs(BATCH_MS).warmupMs(1_000).measureMs(4_000).verifyTimeoutMs(45_000).build());
            }
        }
        SweepSummary summary = Sweep.run(dir, experiments, Runner.inProcess(), out);
        out.println();
        out.printf("%-22s %10s %16s %17s %12s %9s%n", "variant", "keys", "processing ms", "total delay ms",
                "keeping up", "counts");
        for (RunSummary run : summary.runs()) {
            out.printf("%-22s %,10d %16d %17d %12s %9s%n", run.label(), run.keys(), run.medianProcessingMs(),
                    run.medianTotalDelayMs(), run.keepingUp() ? "yes" : "NO", run.countsVerified() ? "verified"
                            : "WRONG");
        }
        out.println("(medians over the measured batches; a variant keeps up while its scheduling delay does not"
                + " grow)");
        out.println("report: " + Report.write(dir).toAbsolutePath());
        return summary.runs().stream().allMatch(RunSummary::countsVerified);
    }
}
