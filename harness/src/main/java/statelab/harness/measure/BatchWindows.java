package statelab.harness.measure;

import java.util.ArrayList;
import java.util.List;
import statelab.core.BatchMetrics;

/**
 * Which batches a window holds and what they say about keeping up: pure rules over the recorded batches, so
 * they can be checked on recorded data. Times in epoch milliseconds.
 */
public final class BatchWindows {

    /** How many batches slower than the interval show a receiver-fed variant that cannot catch up. */
    public static final int BEHIND_BATCHES = 3;

    private BatchWindows() {
    }

    /**
     * The batches that started inside the window (the measured ones of a run that was drained). A variant so slow
     * that no batch started inside the window: the first batch after its start carries the window's data, so it
     * stands for the window (and the run is certainly not keeping up).
     */
    public static List<BatchMetrics> startedIn(List<BatchMetrics> batches, long fromMs, long toMs) {
        List<BatchMetrics> measured = new ArrayList<>();
        for (BatchMetrics b : batches) {
            if (b.batchTimeMs() >= fromMs && b.batchTimeMs() < toMs) {
                measured.add(b);
            }
        }
        if (measured.isEmpty()) {
            batches.stream().filter(b -> b.batchTimeMs() >= fromMs).findFirst().ifPresent(measured::add);
        }
        if (measured.isEmpty()) {
            throw new IllegalStateException("no batch started after the measured window began");
        }
        return measured;
    }

    /**
     * The batches that completed inside the window: what a run stopped at the window's end, without draining,
     * can measure. Slower than the window: the last completed batch stands for it.
     */
    public static List<BatchMetrics> completedIn(List<BatchMetrics> batches, long fromMs, long toMs) {
        List<BatchMetrics> measured = new ArrayList<>();
        for (BatchMetrics b : batches) {
            long endMs = b.batchTimeMs() + b.totalDelayMs();
            if (endMs >= fromMs && endMs < toMs) {
                measured.add(b);
            }
        }
        if (measured.isEmpty() && !batches.isEmpty()) {
            measured.add(batches.get(batches.size() - 1));
        }
        if (measured.isEmpty()) {
            throw new IllegalStateException("no batch completed before the end of the measured window");
        }
        return measured;
    }

    /**
     * A window's measured batches from what has been recorded so far: those that started in it, or, for a variant
     * behind and for a window none of whose batches has completed yet (a point's files are written once right after
     * its windows, before the run drains), those that completed in it.
     */
    public static List<BatchMetrics> measuredIn(List<BatchMetrics> batches, long fromMs, long toMs, boolean behind) {
        boolean anyStarted = batches.stream().anyMatch(b -> b.batchTimeMs() >= fromMs);
        return behind || !anyStarted ? completedIn(batches, fromMs, toMs) : startedIn(batches, fromMs, toMs);
    }

    /** Batches started inside the window so far. */
    public static long countStartedIn(List<BatchMetrics> batches, long fromMs, long toMs) {
        return batches.stream().filter(b -> b.batchTimeMs() >= fromMs && b.batchTimeMs() < toMs).count();
    }

    /** The batches a window of this length holds when the variant keeps up. */
    public static long expectedBatches(long fromMs, long toMs, long batchMs) {
        return (toMs - fromMs) / batchMs;
    }

    /**
     * Behind at the end of a window: fewer than half of its batches had completed a couple of intervals after it
     * (a variant keeping up has completed all but the last).
     */
    public static boolean behind(long completedInWindow, long fromMs, long toMs, long batchMs) {
        return completedInWindow < expectedBatches(fromMs, toMs, batchMs) / 2.0;
    }

    /** The last batch started at or after {@code sinceMs} and waited at most half an interval: caught up. */
    public static boolean caughtUpSince(List<BatchMetrics> batches, long sinceMs, long batchMs) {
        if (batches.isEmpty()) {
            return false;
        }
        BatchMetrics last = batches.get(batches.size() - 1);
        return last.batchTimeMs() >= sinceMs && last.schedulingDelayMs() <= batchMs / 2;
    }

    /** The last {@link #BEHIND_BATCHES} batches started after {@code sinceMs}, each longer than the interval. */
    public static boolean slowerThanInterval(List<BatchMetrics> batches, long sinceMs, long batchMs) {
        if (batches.size() < BEHIND_BATCHES) {
            return false;
        }
        return batches.subList(batches.size() - BEHIND_BATCHES, batches.size()).stream()
                .allMatch(b -> b.batchTimeMs() >= sinceMs && b.processingMs() > batchMs);
    }

    /** Whether the batch started inside any of the windows {@code [from, to)}. */
    public static boolean inAny(BatchMetrics batch, List<long[]> windows) {
        return windows.stream().anyMatch(w -> batch.batchTimeMs() >= w[0] && batch.batchTimeMs() < w[1]);
    }
}
