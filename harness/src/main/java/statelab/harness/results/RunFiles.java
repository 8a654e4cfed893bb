package statelab.harness.results;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import statelab.core.BatchMetrics;

/**
 * Writes a run's per-batch files: {@code batches.csv} (every batch, with its phase) and one HdrHistogram
 * interval log per measured metric ({@code processingMs.hlog}, {@code totalDelayMs.hlog},
 * {@code schedulingDelayMs.hlog}: one interval per batch, values in milliseconds), and {@value #LATENCY_LOG}
 * (one interval per batch holding its words' end-to-end latencies, counted once per word), which HdrHistogram's
 * {@code HistogramLogProcessor} reads. Beside a Structured Streaming run's {@code batches.csv}, {@value #PROGRESS_CSV}:
 * the same batches with the engine's own figures ({@link statelab.core.ProgressFigures}: how long each phase of the
 * trigger took, what the state store did), a column per figure, {@code -1} where a batch did not report it.
 */
public final class RunFiles {

    public static final String CSV_HEADER = "batchTimeMs,phase,inputLines,inputWords,schedulingDelayMs,processingMs,"
            + "totalDelayMs,stateKeys,stateBytes,checkpointBatch";

    public static final String LATENCY_LOG = "latencyMs.hlog";

    public static final String PROGRESS_CSV = "progress.csv";

    private RunFiles() {
    }

    /** A batch's phase: fill and warm-up batches are recorded but not measured; steps are a staircase's. */
    public enum Phase { WARMUP, MEASURE, STEP, DRAIN }

    public static void writeCsv(Path file, List<BatchMetrics> batches, java.util.function.Function<BatchMetrics,
            Phase> phase)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            for (BatchMetrics b : batches) {
                out.write(b.batchTimeMs() + "," + phase.apply(b).name().toLowerCase() + "," + b.inputLines() + ","
                        + b.inputWords() + "," + b.schedulingDelayMs() + "," + b.processingMs() + ","
                        + b.totalDelayMs() + "," + b.stateKeys() + "," + b.stateBytes() + "," + b.checkpointBatch()
                        + "\n");
            }
        }
        writeProgressCsv(file.resolveSibling(PROGRESS_CSV), batches, phase);
    }

    /** The batches' own figures, where the engine reported any: a column per name, sorted. */
    private static void writeProgressCsv(Path file, List<BatchMetrics> batches,
                                         java.util.function.Function<BatchMetrics, Phase> phase) throws IOException {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        batches.forEach(b -> names.addAll(b.progress().keySet()));
        if (names.isEmpty()) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("batchTimeMs,phase," + String.join(",", names) + "\n");
            for (BatchMetrics b : batches) {
                StringBuilder row = new StringBuilder().append(b.batchTimeMs()).append(',')
                        .append(phase.apply(b).name().toLowerCase());
                for (String name : names) {
                    row.append(',').append(b.progress().getOrDefault(name, -1L));
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    public static void writeHistogramLogs(Path dir, List<BatchMetrics> measured, long batchMs) throws IOException {
        writeHistogramLog(dir.resolve("processingMs.hlog"), measured, batchMs, BatchMetrics::processingMs);
        writeHistogramLog(dir.resolve("totalDelayMs.hlog"), measured, batchMs, BatchMetrics::totalDelayMs);
        writeHistogramLog(dir.resolve("schedulingDelayMs.hlog"), measured, batchMs, BatchMetrics::schedulingDelayMs);
    }

    /** The words' end-to-end latencies, an interval per measured batch ({@link WordLatency#ofBatch}). */
    public static void writeLatencyLog(Path file, List<WordLatency.BatchLines> measured, int wordsPerLine,
                                       WordLatency.DueTimes due) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long startMs = measured.isEmpty() ? 0 : measured.get(0).batch().batchTimeMs();
            writer.outputComment("statelab: one interval per batch (its time to its output), values in milliseconds, "
                    + "counts in words: from when a word's line was due to when the batch's output was complete");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputLegend();
            for (WordLatency.BatchLines b : measured) {
                writer.outputIntervalHistogram(WordLatency.ofBatch(b, wordsPerLine, due));
            }
        }
    }

    private static void writeHistogramLog(Path file, List<BatchMetrics> measured, long batchMs,
                                          ToLongFunction<BatchMetrics> metric) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            long startMs = measured.isEmpty() ? 0 : measured.get(0).batchTimeMs();
            writer.outputComment("statelab: one interval per batch, values in milliseconds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputLegend();
            for (BatchMetrics b : measured) {
                Histogram interval = RunStatistics.newHistogramMs();
                RunStatistics.record(interval, metric.applyAsLong(b));
                interval.setStartTimeStamp(b.batchTimeMs());
                interval.setEndTimeStamp(b.batchTimeMs() + batchMs);
                writer.outputIntervalHistogram(interval);
            }
        }
    }
}
