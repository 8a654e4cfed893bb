package statelab.harness.results;

import java.util.ArrayList;
import java.util.List;
import statelab.core.BatchMetrics;

/**
 * A point measured as several windows: each window's own statistics, and the point's figures across them. A
 * point's median is the median of its window medians and its spread the lowest and highest window median, so
 * one unlucky window shows as spread instead of moving the figure. The point keeps up when its batches do over
 * the whole measured span (the scheduling delay's slope and median processing, {@link RunStatistics}) and no
 * window's median batch took longer than the interval.
 *
 * @param all     the statistics of every measured batch of the point, all windows together
 * @param windows each window's statistics, in order
 */
public record WindowStatistics(RunStatistics all, List<RunStatistics> windows) {

    public WindowStatistics {
        windows = List.copyOf(windows);
    }

    /** The statistics of {@code windows} (each a list of the batches it measured) at {@code batchMs} batches. */
    public static WindowStatistics of(List<List<BatchMetrics>> windows, long batchMs) {
        List<BatchMetrics> all = new ArrayList<>();
        List<RunStatistics> each = new ArrayList<>();
        for (List<BatchMetrics> window : windows) {
            all.addAll(window);
            each.add(RunStatistics.of(window, batchMs));
        }
        return new WindowStatistics(RunStatistics.of(all, batchMs), each);
    }

    public long medianProcessingMs() {
        return median(windows.stream().map(RunStatistics::medianProcessingMs).toList());
    }

    public long minMedianProcessingMs() {
        return windows.stream().mapToLong(RunStatistics::medianProcessingMs).min().orElse(-1);
    }

    public long maxMedianProcessingMs() {
        return windows.stream().mapToLong(RunStatistics::medianProcessingMs).max().orElse(-1);
    }

    public long medianTotalDelayMs() {
        return median(windows.stream().map(RunStatistics::medianTotalDelayMs).toList());
    }

    public long minMedianTotalDelayMs() {
        return windows.stream().mapToLong(RunStatistics::medianTotalDelayMs).min().orElse(-1);
    }

    public long maxMedianTotalDelayMs() {
        return windows.stream().mapToLong(RunStatistics::medianTotalDelayMs).max().orElse(-1);
    }

    /** Kept up over all the windows together, and no window's median batch took longer than the interval. */
    public boolean keepingUp(long batchMs) {
        return all.keepingUp() && windows.stream().allMatch(w -> w.medianProcessingMs() <= batchMs);
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones (rounded), -1 if none. */
    public static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }
}
