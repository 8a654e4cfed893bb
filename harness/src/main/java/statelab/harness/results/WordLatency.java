package statelab.harness.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import statelab.core.BatchMetrics;
import statelab.core.Source;

/**
 * How long after a word was due its new total was visible: the end-to-end latency of every word, free of
 * coordinated omission.
 *
 * <p>The rule. A batch holds a range of consecutive lines {@code [fromLine, toLine)}. Line {@code i} was due at
 * {@code due(i)} on the load generator's open-loop schedule (when it was promised, not when it was sent: a
 * generator, receiver or engine that falls behind shows as latency). The batch's output was complete at
 * {@code outputAtMs} (the variant's rule, {@link statelab.core.Variant#batchOutputAtMs}). Every word of line
 * {@code i} waited {@code outputAtMs - due(i)}: a batch that starts late adds its lateness to every word in it.
 *
 * <p>Line ranges: a batch's own where the source numbers its lines (replay); else, on a socket, counted from the
 * run's first batch on: a TCP stream and the receiver's blocks keep the lines' order, so each batch holds the lines
 * after those of the batches before it. That is exact as long as the receiver lost or repeated nothing, which a
 * verified run's counts show.
 *
 * <p>Per batch, not per word: a batch's lines are split into at most {@value #MAX_GROUPS_PER_BATCH} groups of
 * consecutive lines, each recorded at its middle line's due time with the group's words as the count (an error of
 * at most half a group's span, a two-thousandth of the batch's).
 */
public final class WordLatency {

    public static final int MAX_GROUPS_PER_BATCH = 1000;

    /** When each line was due on the load generator's schedule, epoch milliseconds. */
    @FunctionalInterface
    public interface DueTimes {
        long dueEpochMs(long line);
    }

    /** One batch's lines and when its output was complete (epoch ms). */
    public record BatchLines(BatchMetrics batch, long fromLine, long toLine, long outputAtMs) {
        public long lines() {
            return toLine - fromLine;
        }
    }

    /**
     * Where the mean latency went, as means over the words. Before its batch's processing started a word waited
     * for the batch and then, if the batch started late, for its scheduling delay: a word's scheduling part is the
     * batch's scheduling delay, but never more than the word waited before processing began (a micro-batch that
     * starts late also takes the lines that came due while it was late, and those waited less). What is left of
     * its wait is waiting for the batch (on a DStream: from its due time to the batch's time, about half an
     * interval); then the batch's processing (the output is written inside it). The three add up to {@code meanMs}.
     */
    public record Parts(double waitForBatchMs, double schedulingDelayMs, double processingMs, double meanMs) {
    }

    /**
     * The latency figures of a measured window; {@code -1} and a {@code note} saying why when there is nothing to
     * measure (no words in the window).
     */
    public record Figures(long p50Ms, long p99Ms, long p999Ms, long maxMs, Parts parts, String note) {
        public static Figures unknown(String note) {
            return new Figures(-1, -1, -1, -1, null, note);
        }
    }

    private WordLatency() {
    }

    /**
     * The line ranges of a run's batches, in the order they were recorded, from the run's first batch on (so that
     * socket batches can be counted from line 0).
     */
    public static List<BatchLines> lineRanges(List<BatchMetrics> runBatches, ToLongFunction<BatchMetrics> outputAtMs) {
        List<BatchLines> ranges = new ArrayList<>(runBatches.size());
        long next = 0;
        for (BatchMetrics b : runBatches) {
            long from = b.fromLine() >= 0 ? b.fromLine() : next;
            long to = b.toLine() >= 0 ? b.toLine() : from + b.inputLines();
            ranges.add(new BatchLines(b, from, to, outputAtMs.applyAsLong(b)));
            next = to;
        }
        return ranges;
    }

    /**
     * Why the measured batches' lines cannot be told (null when they can): on a socket, lines are placed by counting
     * from the first batch, which holds only while the receiver lost and repeated nothing; a run whose counts differ
     * from the ledger, or whose batches hold more lines than were sent, shows that it did not.
     */
    public static String unattributable(Source source, Outcome outcome, List<BatchLines> measured, long linesSent) {
        if (source != Source.SOCKET) {
            return null;
        }
        if (outcome == Outcome.FAILED && !measured.isEmpty()) {
            return "socket: the counts differ from the ledger, so lines cannot be placed in batches by counting them "
                    + "(lost or repeated lines); no latency";
        }
        long lastLine = measured.stream().mapToLong(BatchLines::toLine).max().orElse(0);
        if (lastLine > linesSent) {
            return String.format("socket: the batches hold %,d lines, more than the %,d sent (repeated lines); no "
                    + "latency", lastLine, linesSent);
        }
        return null;
    }

    /** One group of a batch's consecutive lines: its words, their latency and its parts. */
    private record Group(long words, long latencyMs, long waitForBatchMs, long schedulingDelayMs) {
    }

    /** A batch's lines in at most {@value #MAX_GROUPS_PER_BATCH} groups, each at its middle line's due time. */
    private static List<Group> groups(BatchLines batch, int wordsPerLine, DueTimes due) {
        long lines = batch.lines();
        long count = Math.min(lines, MAX_GROUPS_PER_BATCH);
        long processingStartMs = batch.outputAtMs() - batch.batch().processingMs();
        long schedulingMs = Math.max(0, batch.batch().schedulingDelayMs());
        List<Group> groups = new ArrayList<>((int) count);
        for (long g = 0; g < count; g++) {
            long from = batch.fromLine() + lines * g / count;
            long to = batch.fromLine() + lines * (g + 1) / count;
            long dueMs = due.dueEpochMs(from + (to - from - 1) / 2);
            long beforeProcessingMs = Math.max(0, processingStartMs - dueMs);
            long scheduling = Math.min(schedulingMs, beforeProcessingMs);
            groups.add(new Group((to - from) * wordsPerLine, clamp(batch.outputAtMs() - dueMs),
                    beforeProcessingMs - scheduling, scheduling));
        }
        return groups;
    }

    /** The latencies of one batch's words: values in milliseconds, each counted once per word. */
    public static Histogram ofBatch(BatchLines batch, int wordsPerLine, DueTimes due) {
        Histogram histogram = RunStatistics.newHistogramMs();
        for (Group group : groups(batch, wordsPerLine, due)) {
            histogram.recordValueWithCount(group.latencyMs(), group.words());
        }
        histogram.setStartTimeStamp(batch.batch().batchTimeMs());
        histogram.setEndTimeStamp(batch.outputAtMs());
        return histogram;
    }

    /** The figures of the measured batches' words, with the mean's parts. */
    public static Figures of(List<BatchLines> measured, int wordsPerLine, DueTimes due) {
        Histogram all = RunStatistics.newHistogramMs();
        double words = 0;
        double latencySum = 0;
        double waitSum = 0;
        double schedulingSum = 0;
        for (BatchLines b : measured) {
            for (Group group : groups(b, wordsPerLine, due)) {
                all.recordValueWithCount(group.latencyMs(), group.words());
                words += group.words();
                latencySum += group.words() * (double) group.latencyMs();
                waitSum += group.words() * (double) group.waitForBatchMs();
                schedulingSum += group.words() * (double) group.schedulingDelayMs();
            }
        }
        if (all.getTotalCount() == 0) {
            return Figures.unknown("no words in the measured window: no latency to measure");
        }
        Parts parts = new Parts(waitSum / words, schedulingSum / words, (latencySum - waitSum - schedulingSum) / words,
                latencySum / words);
        return new Figures(all.getValueAtPercentile(50), all.getValueAtPercentile(99), all.getValueAtPercentile(99.9),
                all.getMaxValue(), parts, "");
    }

    private static long clamp(long valueMs) {
        return Math.min(Math.max(valueMs, 0), RunStatistics.HIGHEST_TRACKABLE_MS);
    }
}
