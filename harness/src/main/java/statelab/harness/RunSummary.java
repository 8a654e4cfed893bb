package statelab.harness;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import statelab.structured.StructuredWordCount;

/**
 * The summary of one measured run, written as {@code summary.json} in the run's directory and collected into a
 * sweep's {@code summary.json}. Times in milliseconds, rates in words per second; {@code -1} where not known.
 * A variant printing each batch's own counts (no running totals) is verified by the lines it processed.
 *
 * <p>{@code windowStartAfterFillMs}: when the measured window began, counted from the end of the fill (the
 * warm-up, longer than asked when the variant was still working off the fill). {@code rateSteps} and
 * {@code steps}: the staircase of rates after the window, if one was asked for, and each step's figures.
 * {@code verifyMs}: from the end of the load to the final counts being in (or given up on).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        String format,
        String variant,
        long keys,
        long rateWordsPerS,
        int wordsPerLine,
        long batchMs,
        long warmupMs,
        long measureMs,
        String master,
        int partitions,
        Map<String, String> options,
        long seed,
        String startedAt,
        int measuredBatches,
        long medianProcessingMs,
        long p99ProcessingMs,
        long maxProcessingMs,
        long medianNormalProcessingMs,
        long medianCheckpointProcessingMs,
        long medianTotalDelayMs,
        long p99TotalDelayMs,
        long maxSchedulingDelayMs,
        double schedulingDelaySlopeMsPerBatch,
        boolean keepingUp,
        boolean countsVerified,
        String countsNote,
        long wordsSent,
        long distinctKeys,
        long stateBytesAtEnd,
        double loadgenLagP99Ms,
        int checkpointEveryBatches,
        long windowStartAfterFillMs,
        RateSteps rateSteps,
        List<Step> steps,
        long verifyMs) {

    public static final String FORMAT = "statelab-run/1";

    /**
     * One step of a staircase: its rate and the figures of the batches that started in its measured part.
     * {@code sustained}: kept up with the source not held back ({@link Search#keptUp}); the run's counts are
     * verified once, at its end, for all steps together.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(long rateWordsPerS, int measuredBatches, long medianProcessingMs, long p99ProcessingMs,
                       long maxSchedulingDelayMs, double schedulingDelaySlopeMsPerBatch, boolean keepingUp,
                       double loadgenLagP99Ms, boolean sustained, String note) {
    }

    public RunSummary {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** This run as if it had run at one step's rate: the step's figures, the run's settings and verdict. */
    public RunSummary atStep(Step step) {
        return new RunSummary(format, variant, keys, step.rateWordsPerS(), wordsPerLine, batchMs, warmupMs, measureMs,
                master, partitions, options, seed, startedAt, step.measuredBatches(), step.medianProcessingMs(),
                step.p99ProcessingMs(), -1, -1, -1, -1, -1, step.maxSchedulingDelayMs(),
                step.schedulingDelaySlopeMsPerBatch(), step.keepingUp(), countsVerified, countsNote, wordsSent,
                distinctKeys, stateBytesAtEnd, step.loadgenLagP99Ms(), checkpointEveryBatches, windowStartAfterFillMs,
                null, List.of(), verifyMs);
    }

    /** The run's directory name inside a sweep: {@link #label() label} and key count. */
    public static String directoryName(String label, long keys) {
        return label + "-" + keys + "keys";
    }

    /** How results name the run: the variant, plus {@code -socket} for a Structured run on Spark's socket source. */
    public String label() {
        return label(variant, options);
    }

    /** The label of {@code variant} run with {@code options}. */
    public static String label(String variant, Map<String, String> options) {
        return "socket".equals(options == null ? null : options.get(StructuredWordCount.SOURCE))
                ? variant + "-socket" : variant;
    }

    /** A run stopped at the end of its window because it fell behind: a valid measurement, counts unchecked. */
    public boolean quitWhenBehind() {
        return !countsVerified && Experiment.QUIT_NOTE.equals(countsNote);
    }

    /** Neither lost nor wrong: counts verified, or the run was stopped because it fell behind. */
    public boolean usable() {
        return countsVerified || quitWhenBehind();
    }
}
