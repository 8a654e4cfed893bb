package statelab.harness.report;

import java.util.List;
import statelab.harness.results.IntervalSearchSummary;
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

    /** Whether any of {@code runs} reports its state's memory. */
    public static boolean anyStateMemory(List<RunSummary> runs) {
        return runs.stream().anyMatch(r -> r.stateBytesAtEnd() >= 0);
    }

    /**
     * The state's memory at the end of each point that reports it, per key, with what the figure is (each engine
     * reports a different thing), and RocksDB's state on disk: its SST files (the median over the measured batches).
     */
    public static Table stateMemory(List<RunSummary> runs) {
        Table table = new Table(List.of("variant", "keys", "state memory MB", "bytes per key", "what is counted",
                "RocksDB SST files MB", "SST bytes per key"));
        for (RunSummary run : runs) {
            if (run.stateBytesAtEnd() < 0) {
                continue;
            }
            RunSummary.ProgressFigure sst = run.progress().get("state.rocksdbSstFileSize");
            long keys = Math.max(1, run.keys());
            table.row(run.label(), String.format("%,d", run.keys()),
                    String.format(java.util.Locale.ROOT, "%.1f", run.stateBytesAtEnd() / 1e6),
                    String.format(java.util.Locale.ROOT, "%.1f", run.stateBytesAtEnd() / (double) keys),
                    memoryKind(run),
                    sst == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", sst.median() / 1e6),
                    sst == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", sst.median() / (double) keys));
        }
        return table;
    }

    /** What a run's state memory figure counts (see {@code BatchMetrics#stateBytes}). */
    static String memoryKind(RunSummary run) {
        if (run.variant().equals("update-state")) {
            return "serialized bytes in Spark's memory store";
        }
        if (run.variant().equals("map-with-state")) {
            return "JVM objects (SizeEstimator)";
        }
        boolean rocksdb = run.variant().endsWith("-rocksdb") || "rocksdb".equals(run.options().get("state-store"));
        return rocksdb ? "RocksDB's own memory (block cache, memtables)" : "JVM objects (HDFS-backed store)";
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
        String window = run.windowMs() % 1000 == 0 ? String.format("%d s", run.windowMs() / 1000)
                : String.format("%.1f s", run.windowMs() / 1000.0);
        return String.format("%d x %s, %s", run.windows(), window, run.walkKeys().size() > 1 ? "walk" : "own JVM");
    }

    /**
     * Every point's end-to-end word latency (from a word's due time to its batch's output) and the mean's parts;
     * points without a latency (measured before it was, or with no words) are left out.
     */
    public static Table latency(List<RunSummary> runs) {
        Table table = new Table(List.of("variant", "keys", "batch ms", "p50 latency ms", "p99 latency ms",
                "p99.9 latency ms", "max latency ms", "mean = waiting for the batch + scheduling + processing (ms)"));
        for (RunSummary run : runs) {
            if (run.latencyP50Ms() < 0) {
                continue;
            }
            var parts = run.latencyParts();
            table.row(run.label(), String.format("%,d", run.keys()), String.format("%,d", run.batchMs()),
                    String.format("%,d", run.latencyP50Ms()), String.format("%,d", run.latencyP99Ms()),
                    String.format("%,d", run.latencyP999Ms()), String.format("%,d", run.latencyMaxMs()),
                    parts == null ? "-" : String.format("%,.0f = %,.0f + %,.0f + %,.0f", parts.meanMs(),
                            parts.waitForBatchMs(), parts.schedulingDelayMs(), parts.processingMs()));
        }
        return table;
    }

    /** The shortest sustained batch interval per interval search, with its word latency, and every probe. */
    public static Table intervals(List<IntervalSearchSummary> searches) {
        Table table = new Table(List.of("variant", "keys", "words/s", "shortest sustained interval ms",
                "p50 latency ms", "p99 latency ms", "p99.9 latency ms", "probes (interval: median processing, p99 "
                        + "latency)", "conclusion"));
        for (IntervalSearchSummary search : searches) {
            IntervalSearchSummary.Probe best = search.shortestSustained();
            StringBuilder probes = new StringBuilder();
            for (IntervalSearchSummary.Probe probe : search.probes()) {
                probes.append(String.format("%s%,d ms %s (%,d ms, p99 %s)", probes.length() == 0 ? "" : "; ",
                        probe.batchMs(), probe.sustained() ? "ok" : "no", probe.run().medianProcessingMs(),
                        latencyMs(probe.run().latencyP99Ms())));
            }
            table.row(search.label(), String.format("%,d", search.keys()), String.format("%,d",
                    search.rateWordsPerS()), best == null ? "none" : String.format("%,d", best.batchMs()),
                    best == null ? "-" : latencyMs(best.run().latencyP50Ms()),
                    best == null ? "-" : latencyMs(best.run().latencyP99Ms()),
                    best == null ? "-" : latencyMs(best.run().latencyP999Ms()), probes, search.conclusion());
        }
        return table;
    }

    private static String latencyMs(long ms) {
        return ms < 0 ? "-" : String.format("%,d", ms);
    }

    /** Whether any of {@code runs} has a measured latency. */
    static boolean anyLatency(List<RunSummary> runs) {
        return runs.stream().anyMatch(run -> run.latencyP50Ms() >= 0);
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
