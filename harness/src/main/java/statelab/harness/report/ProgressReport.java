package statelab.harness.report;

import java.util.List;
import java.util.Map;
import statelab.harness.results.RunSummary;

/**
 * The report's "Inside the micro-batches": for each Structured Streaming run, the phases of its triggers and what its
 * state store did, from the engine's own figures ({@code progress.csv}; the median and the highest over the measured
 * batches), so a slow run says which part of its batches was slow.
 */
final class ProgressReport {

    /** The figures shown, in order: column heading and the figure's name ({@link statelab.core.ProgressFigures}). */
    static final List<Map.Entry<String, String>> SHOWN = List.of(
            Map.entry("trigger ms", "durationMs.triggerExecution"),
            Map.entry("addBatch ms", "durationMs.addBatch"),
            Map.entry("walCommit ms", "durationMs.walCommit"),
            Map.entry("commitOffsets ms", "durationMs.commitOffsets"),
            Map.entry("state updates ms", "state.allUpdatesTimeMs"),
            Map.entry("state commit ms", "state.commitTimeMs"),
            Map.entry("RocksDB flush ms", "state.rocksdbCommitFlushLatency"),
            Map.entry("RocksDB checkpoint ms", "state.rocksdbCommitCheckpointLatency"),
            Map.entry("RocksDB file sync ms", "state.rocksdbCommitFileSyncLatencyMs"),
            Map.entry("RocksDB gets", "state.rocksdbGetCount"),
            Map.entry("RocksDB block cache misses", "state.rocksdbReadBlockCacheMissCount"),
            Map.entry("RocksDB gets ms", "state.rocksdbGetLatency"),
            Map.entry("RocksDB puts ms", "state.rocksdbPutLatency"),
            Map.entry("SST files MB", "state.rocksdbSstFileSize"),
            Map.entry("HDFS store version MB", "state.stateOnCurrentVersionSizeBytes"));

    private ProgressReport() {
    }

    static final String INTRO = "Structured Streaming's own figures of each measured micro-batch "
            + "(<code>progress.csv</code> in the run's directory has every batch's): the median (the highest) over "
            + "the measured batches. Trigger: the whole micro-batch; addBatch: running the query (the state "
            + "updates and the store's commit happen inside it); walCommit and commitOffsets: Structured "
            + "Streaming's own offset and commit logs. The state store's times and counts are summed over the "
            + "batch's partitions (tasks run in parallel, so times can exceed the trigger's); RocksDB's SST files "
            + "are the state on local disk.";

    /** The section for the runs among {@code runs} that report the engine's figures; empty when none does. */
    static String html(List<RunSummary> runs) {
        Table table = table(runs);
        return table == null ? "" : "<h2>Inside the micro-batches</h2>\n<p>" + INTRO + "</p>\n" + table.html();
    }

    /** The same as Markdown, for report.md; empty when no run reports the engine's figures. */
    static String markdown(List<RunSummary> runs) {
        Table table = table(runs);
        return table == null ? "" : "\nInside the micro-batches: " + INTRO.replace("<code>", "`")
                .replace("</code>", "`") + "\n\n" + table.markdown();
    }

    /** A row per run that reports the engine's figures, a column per figure some run reports; null for none. */
    static Table table(List<RunSummary> runs) {
        List<RunSummary> structured = runs.stream().filter(r -> !r.progress().isEmpty()).toList();
        if (structured.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, String>> columns = SHOWN.stream()
                .filter(c -> structured.stream().anyMatch(r -> r.progress().containsKey(c.getValue()))).toList();
        List<String> header = new java.util.ArrayList<>(List.of("run", "keys"));
        columns.forEach(c -> header.add(c.getKey()));
        Table table = new Table(header);
        for (RunSummary run : structured) {
            List<String> row = new java.util.ArrayList<>(List.of(run.label(), String.format("%,d", run.keys())));
            columns.forEach(c -> row.add(cell(run.progress().get(c.getValue()), c.getValue().endsWith("Size")
                    || c.getValue().endsWith("SizeBytes"))));
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    private static String cell(RunSummary.ProgressFigure f, boolean bytes) {
        if (f == null) {
            return "-";
        }
        return bytes ? String.format(java.util.Locale.ROOT, "%.1f (%.1f)", f.median() / 1e6, f.max() / 1e6)
                : String.format("%,d (%,d)", f.median(), f.max());
    }
}
