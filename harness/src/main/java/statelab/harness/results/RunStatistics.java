package statelab.harness.results;

import java.util.List;
import org.HdrHistogram.Histogram;
import statelab.core.BatchMetrics;

/**
 * What a run's measured batches add up to: percentiles from HdrHistogram, and whether the variant kept up.
 *
 * <p>Keeping up means the scheduling delay does not grow: its least-squares slope over the measured batches
 * stays under 5% of the batch interval per batch, and the median batch is processed within the interval.
 * A system falling behind queues batches, so its scheduling delay climbs batch after batch.
 */
public record RunStatistics(int batches, long medianProcessingMs, long p99ProcessingMs, long maxProcessingMs,
                            long medianNormalProcessingMs, long medianCheckpointProcessingMs,
                            long medianTotalDelayMs, long p99TotalDelayMs, long maxSchedulingDelayMs,
                            double schedulingDelaySlopeMsPerBatch, boolean keepingUp) {

    /** The fewest measured batches that say anything about a trend. */
    public static final int MIN_MEASURED_BATCHES = 5;

    /** HdrHistogram range: 1 ms to 1 hour, 3 significant digits. */
    public static final long HIGHEST_TRACKABLE_MS = 3_600_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    public static Histogram newHistogramMs() {
        return new Histogram(1, HIGHEST_TRACKABLE_MS, SIGNIFICANT_DIGITS);
    }

    public static RunStatistics of(List<BatchMetrics> measured, long batchMs) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no measured batches");
        }
        Histogram processing = newHistogramMs();
        Histogram normal = newHistogramMs();
        Histogram checkpoint = newHistogramMs();
        Histogram total = newHistogramMs();
        long maxScheduling = 0;
        for (BatchMetrics b : measured) {
            record(processing, b.processingMs());
            record(b.checkpointBatch() ? checkpoint : normal, b.processingMs());
            record(total, b.totalDelayMs());
            maxScheduling = Math.max(maxScheduling, b.schedulingDelayMs());
        }
        double slope = slope(measured);
        long median = processing.getValueAtPercentile(50);
        boolean keepingUp = slope < 0.05 * batchMs && median <= batchMs;
        return new RunStatistics(measured.size(), median, processing.getValueAtPercentile(99),
                processing.getMaxValue(), normal.getTotalCount() == 0 ? -1 : normal.getValueAtPercentile(50),
                checkpoint.getTotalCount() == 0 ? -1 : checkpoint.getValueAtPercentile(50),
                total.getValueAtPercentile(50), total.getValueAtPercentile(99), maxScheduling, slope, keepingUp);
    }

    public static void record(Histogram histogram, long valueMs) {
        histogram.recordValue(Math.min(Math.max(valueMs, 0), HIGHEST_TRACKABLE_MS));
    }

    /** Least-squares slope of scheduling delay against batch number, in ms per batch. */
    static double slope(List<BatchMetrics> batches) {
        int n = batches.size();
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = batches.stream().mapToLong(BatchMetrics::schedulingDelayMs).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            num += dx * (batches.get(i).schedulingDelayMs() - meanY);
            den += dx * dx;
        }
        return num / den;
    }
}
