package statelab.harness.results;

import java.util.ArrayList;
import java.util.List;

/**
 * What a climb's batches say, as pure rules: where processing time crossed the interval for good, how steeply
 * it grew, and whether the scheduling delay then climbed without end (the Spark UI's picture of a job falling
 * behind).
 */
public final class ClimbRule {

    /** Batches in a row over the interval that make a crossing (one slow batch, a checkpoint, is not). */
    public static final int CROSSING_BATCHES = 3;
    /** Batches at each end whose median stands for the start and the end of the climb. */
    public static final int EDGE_BATCHES = 5;
    /** A climb may end early once it has fallen behind by this many intervals of scheduling delay ... */
    public static final int BEHIND_BEYOND_DOUBT_INTERVALS = 5;
    /** ... and has climbed at least this many batches, so that its growth shows too. */
    public static final int BEHIND_BEYOND_DOUBT_BATCHES = 20;

    private ClimbRule() {
    }

    /**
     * The variant's climb from its batches, numbered from 1, at {@code batchMs} batches, climbing from batch
     * {@code fromBatch} on (the batches before it are the job's start, slow while the JVM warms up).
     */
    public static ClimbSummary.Climb of(String variant, List<ClimbSummary.Batch> batches, int fromBatch,
                                        long batchMs) {
        List<ClimbSummary.Batch> climbing = batches.stream().filter(b -> b.number() >= fromBatch).toList();
        int crossed = crossedAt(climbing, batchMs);
        long delayAtEnd = climbing.isEmpty() ? 0 : climbing.get(climbing.size() - 1).schedulingDelayMs();
        boolean fellBehind = crossed > 0 && delayAtEnd > 2 * batchMs
                && delaySlopeFrom(climbing, crossed) > 0.05 * batchMs;
        return new ClimbSummary.Climb(variant, batches, fromBatch, crossed, edgeMedian(climbing, true),
                edgeMedian(climbing, false), processingSlope(climbing), delayAtEnd, fellBehind);
    }

    /**
     * Whether a climb so far has fallen behind beyond doubt: it fell behind ({@link ClimbSummary.Climb#fellBehind}),
     * its scheduling delay is already over {@link #BEHIND_BEYOND_DOUBT_INTERVALS} intervals, and it has climbed at
     * least {@link #BEHIND_BEYOND_DOUBT_BATCHES} batches. More batches would only show the same delay climbing.
     */
    public static boolean behindBeyondDoubt(ClimbSummary.Climb climb, long batchMs) {
        long climbed = climb.batches().stream().filter(b -> b.number() >= climb.climbsFromBatch()).count();
        return climb.fellBehind() && climb.schedulingDelayAtEndMs() > BEHIND_BEYOND_DOUBT_INTERVALS * batchMs
                && climbed >= BEHIND_BEYOND_DOUBT_BATCHES;
    }

    /** The number of the first of {@link #CROSSING_BATCHES} batches in a row slower than the interval; -1 if none. */
    static int crossedAt(List<ClimbSummary.Batch> batches, long batchMs) {
        int run = 0;
        for (ClimbSummary.Batch batch : batches) {
            run = batch.processingMs() > batchMs ? run + 1 : 0;
            if (run == CROSSING_BATCHES) {
                return batch.number() - CROSSING_BATCHES + 1;
            }
        }
        return -1;
    }

    private static long edgeMedian(List<ClimbSummary.Batch> batches, boolean first) {
        int n = Math.min(EDGE_BATCHES, batches.size());
        List<ClimbSummary.Batch> edge = first ? batches.subList(0, n) : batches.subList(batches.size() - n,
                batches.size());
        return WindowStatistics.median(edge.stream().map(ClimbSummary.Batch::processingMs).toList());
    }

    /** Least-squares slope of processing time over the batch number, in ms per batch. */
    static double processingSlope(List<ClimbSummary.Batch> batches) {
        List<double[]> points = new ArrayList<>();
        batches.forEach(b -> points.add(new double[] {b.number(), b.processingMs()}));
        return slope(points);
    }

    /** Least-squares slope of scheduling delay from batch {@code from} on, in ms per batch. */
    static double delaySlopeFrom(List<ClimbSummary.Batch> batches, int from) {
        List<double[]> points = new ArrayList<>();
        batches.stream().filter(b -> b.number() >= from)
                .forEach(b -> points.add(new double[] {b.number(), b.schedulingDelayMs()}));
        return slope(points);
    }

    private static double slope(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : points) {
            num += (p[0] - meanX) * (p[1] - meanY);
            den += (p[0] - meanX) * (p[0] - meanX);
        }
        return den == 0 ? 0 : num / den;
    }
}
