package statelab.harness.report;

import java.util.List;
import statelab.harness.results.RecoverySummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SearchSummary;

/** The lab's result tables, each defined once for the HTML report, report.md and the docs. */
public final class Tables {

    private Tables() {
    }

    /** {@code 210 (140..320)}: a point's figure with its spread over its windows, or the figure alone. */
    static String withSpread(long median, long min, long max) {
        if (median < 0) {
            return "-";
        }
        return min >= 0 && max >= 0 && (min != median || max != median)
                ? String.format("%,d (%,d..%,d)", median, min, max) : String.format("%,d", median);
    }

    /** Every point of a sweep (or a single run): its figures with their spread and its verdicts. */
    public static Table points(List<RunSummary> runs) {
        Table table = new Table(List.of("variant", "keys", "median processing ms (windows' min..max)",
                "p99 processing ms", "median total delay ms (min..max)", "p99 total delay ms",
                "max scheduling delay ms", "keeping up", "counts", "measured"));
        for (RunSummary run : runs) {
            table.row(run.label(), String.format("%,d", run.keys()),
                    withSpread(run.medianProcessingMs(), run.medianProcessingMinMs(), run.medianProcessingMaxMs()),
                    String.format("%,d", run.p99ProcessingMs()),
                    withSpread(run.medianTotalDelayMs(), run.medianTotalDelayMinMs(), run.medianTotalDelayMaxMs()),
                    String.format("%,d", run.p99TotalDelayMs()), String.format("%,d", run.maxSchedulingDelayMs()),
                    Table.bad(run.keepingUp() ? "yes" : "no", !run.keepingUp()), counts(run), measuredAs(run));
        }
        return table;
    }

    private static Table.Cell counts(RunSummary run) {
        return switch (run.outcome()) {
            case VERIFIED -> Table.bad("verified", false);
            case STOPPED_BEHIND -> Table.bad("stopped behind", false);
            case FAILED -> Table.bad("NOT verified: " + run.countsNote(), true);
        };
    }

    /** How a point was measured: its windows, and in a walk or a JVM of its own. */
    static String measuredAs(RunSummary run) {
        return String.format("%d x %.0f s, %s", run.windows(), run.windowMs() / 1000.0,
                run.walkKeys().size() > 1 ? "walk" : "own JVM");
    }

    /** The highest sustained rate per search. */
    public static Table searches(List<SearchSummary> searches) {
        Table table = new Table(List.of("variant", "keys", "highest sustained words/s", "lowest failed words/s",
                "probes", "conclusion"));
        for (SearchSummary search : searches) {
            StringBuilder probes = new StringBuilder();
            for (SearchSummary.Probe probe : search.probes()) {
                probes.append(String.format("%s%,d %s (%d ms)", probes.length() == 0 ? "" : "; ",
                        probe.rateWordsPerS(), probe.sustained() ? "ok" : "no", probe.run().medianProcessingMs()));
            }
            table.row(search.variant(), String.format("%,d", search.keys()), rate(search
                    .highestSustainedRateWordsPerS()),
                    rate(search.lowestFailedRateWordsPerS()), probes, search.conclusion());
        }
        return table;
    }

    private static String rate(long wordsPerS) {
        return wordsPerS < 0 ? "none" : String.format("%,d", wordsPerS);
    }

    /** Every kill and restart of a recovery measurement. */
    public static Table recovery(RecoverySummary recovery) {
        Table table = new Table(List.of("variant", "killed", "state keys", "median processing before the kill ms",
                "restart to first batch ms", "its processing ms", "catch-up ms", "batches to catch up", "counts"));
        for (RecoverySummary.Run run : recovery.runs()) {
            table.row(run.label(), run.fault(), String.format("%,d", run.stateKeys()),
                    String.format("%,d", run.medianProcessingBeforeKillMs()),
                    String.format("%,d", run.restartToFirstBatchMs()), String.format("%,d", run
                            .firstBatchProcessingMs()),
                    Table.bad(run.catchUpMs() < 0 ? "not caught up" : String.format("%,d", run.catchUpMs()),
                            run.catchUpMs() < 0), run.batchesToCatchUp(),
                    Table.bad((run.countsVerified() ? "verified" : "NOT verified")
                            + (run.countsNote().isEmpty() ? "" : ": " + run.countsNote()), !run.countsVerified()));
        }
        return table;
    }
}
