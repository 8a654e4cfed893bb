package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The summary of one measured point ({@code "format": "statelab-run/3"}): a variant at one state size, in a
 * JVM of its own or as one point of a walk through several state sizes in one JVM ({@code walkKeys}); written as
 * {@code summary.json} in the point's directory and collected into a sweep's {@code summary.json}. Times in
 * milliseconds, rates in words per second; {@code -1} where not known. A variant printing each batch's own counts (no
 * running totals) is verified
 * by the lines it processed.
 *
 * <p>{@code source}: where the variant read its lines ({@code replay} or {@code socket}). {@code cores}: the
 * processing cores it was given. {@code outcome}: {@code VERIFIED}, {@code STOPPED_BEHIND} (stopped at the end
 * of its window because it fell behind: its counts were not checked) or {@code FAILED};
 * {@code countsVerified} is {@code outcome == VERIFIED}, and {@code countsNote} says what differed.
 * {@code windows}: the point was measured as that many windows of {@code windowMs} each ({@code windowFigures});
 * {@code medianProcessingMs} and {@code medianTotalDelayMs} are the medians of the window medians, with their
 * spread (the lowest and highest window median) in {@code ...MinMs}/{@code ...MaxMs}; the p99s, maxima and the
 * scheduling delay's slope are over every measured batch; {@code keepingUp} holds over all windows.
 * {@code windowStartAfterFillMs}: when the first window began, counted from the end of the point's fill.
 * {@code rateSteps} and {@code steps}: the staircase of rates after the window, if one was asked for, and each
 * step's figures. {@code verifyMs}: from the end of the load to the final counts being in (or given up on).
 *
 * <p>{@code latencyP50Ms} to {@code latencyMaxMs}: every word's end-to-end latency over the measured windows, from
 * when its line was due on the load generator's schedule to when the batch holding it had its output complete
 * ({@link WordLatency}); {@code latencyParts}: the mean latency's parts (waiting for the batch, scheduling delay,
 * processing); {@code -1}, no parts and a {@code latencyNote} saying why where it could not be measured (results
 * written before it was, too).
 *
 * <p>{@code progress}: Structured Streaming's own figures of the measured micro-batches ({@code progress.csv}, named
 * as in {@link statelab.core.ProgressFigures}: each phase of the trigger, the state store's metrics), each as the
 * median and the highest over the measured batches; empty for DStream variants.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        String format,
        String variant,
        String source,
        long keys,
        long rateWordsPerS,
        int wordsPerLine,
        long batchMs,
        long warmupMs,
        long measureMs,
        String master,
        List<Long> walkKeys,
        int cores,
        int partitions,
        Map<String, String> options,
        Map<String, String> sparkConf,
        String settingsName,
        boolean profiled,
        long seed,
        String startedAt,
        int measuredBatches,
        int windows,
        long windowMs,
        List<Window> windowFigures,
        long medianProcessingMs,
        long medianProcessingMinMs,
        long medianProcessingMaxMs,
        long p99ProcessingMs,
        long maxProcessingMs,
        long medianNormalProcessingMs,
        long medianCheckpointProcessingMs,
        long medianTotalDelayMs,
        long medianTotalDelayMinMs,
        long medianTotalDelayMaxMs,
        long p99TotalDelayMs,
        long maxSchedulingDelayMs,
        double schedulingDelaySlopeMsPerBatch,
        boolean keepingUp,
        Outcome outcome,
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
        long verifyMs,
        Long latencyP50Ms,
        Long latencyP99Ms,
        Long latencyP999Ms,
        Long latencyMaxMs,
        WordLatency.Parts latencyParts,
        String latencyNote,
        Map<String, ProgressFigure> progress) {

    public static final String FORMAT = "statelab-run/3";

    /** One measured window of a point: its batches' figures. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(int batches, long medianProcessingMs, long p99ProcessingMs, long medianTotalDelayMs,
                         long maxSchedulingDelayMs, double schedulingDelaySlopeMsPerBatch, boolean keepingUp) {

        static Window of(RunStatistics stats) {
            return new Window(stats.batches(), stats.medianProcessingMs(), stats.p99ProcessingMs(),
                    stats.medianTotalDelayMs(), stats.maxSchedulingDelayMs(), stats.schedulingDelaySlopeMsPerBatch(),
                    stats.keepingUp());
        }
    }

    /**
     * One step of a staircase: its rate and the figures of the batches that started in its measured part.
     * {@code sustained}: kept up with the source not held back; the run's counts are verified once, at its end,
     * for all steps together.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(long rateWordsPerS, int measuredBatches, long medianProcessingMs, long p99ProcessingMs,
                       long maxSchedulingDelayMs, double schedulingDelaySlopeMsPerBatch, boolean keepingUp,
                       double loadgenLagP99Ms, boolean sustained, String note) {
    }

    /** One of Structured Streaming's figures over a point's measured batches, in the unit its name gives. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProgressFigure(long median, long max) {
    }

    public RunSummary {
        progress = progress == null ? Map.of() : Map.copyOf(progress);
        options = options == null ? Map.of() : Map.copyOf(options);
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        settingsName = settingsName == null ? "" : settingsName;
        walkKeys = walkKeys == null ? List.of(keys) : List.copyOf(walkKeys);
        windowFigures = windowFigures == null ? List.of() : List.copyOf(windowFigures);
        steps = steps == null ? List.of() : List.copyOf(steps);
        countsVerified = outcome == Outcome.VERIFIED;
        countsNote = countsNote == null ? "" : countsNote;
        boolean latencyKnown = latencyP50Ms != null && latencyP50Ms >= 0;
        latencyP50Ms = latencyKnown ? latencyP50Ms : -1L;
        latencyP99Ms = latencyKnown ? latencyP99Ms : -1L;
        latencyP999Ms = latencyKnown ? latencyP999Ms : -1L;
        latencyMaxMs = latencyKnown ? latencyMaxMs : -1L;
        latencyParts = latencyKnown ? latencyParts : null;
        latencyNote = latencyNote != null ? latencyNote : latencyKnown ? "" : "latency not measured";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This run as if it had run at one step's rate: the step's figures, the run's settings and verdict. */
    public RunSummary atStep(Step step) {
        return toBuilder().rateWordsPerS(step.rateWordsPerS()).measuredBatches(step.measuredBatches())
                .windows(1).windowFigures(List.of()).medianProcessingMs(step.medianProcessingMs())
                .medianProcessingMinMs(step.medianProcessingMs()).medianProcessingMaxMs(step.medianProcessingMs())
                .p99ProcessingMs(step.p99ProcessingMs()).maxProcessingMs(-1).medianNormalProcessingMs(-1)
                .medianCheckpointProcessingMs(-1).medianTotalDelayMs(-1).medianTotalDelayMinMs(-1)
                .medianTotalDelayMaxMs(-1).p99TotalDelayMs(-1).maxSchedulingDelayMs(step.maxSchedulingDelayMs())
                .schedulingDelaySlopeMsPerBatch(step.schedulingDelaySlopeMsPerBatch()).keepingUp(step.keepingUp())
                .loadgenLagP99Ms(step.loadgenLagP99Ms()).rateSteps(null).steps(List.of())
                .latency(WordLatency.Figures.unknown("a staircase step: latency is measured over the point's windows"))
                .build();
    }

    /** The run's directory name inside a sweep: {@link #label() label} and key count. */
    public static String directoryName(String label, long keys) {
        return label + "-" + keys + "keys";
    }

    /**
     * How results name the run: the variant, plus {@code -socket} on a socket where it could read replay, plus
     * {@code +NAME} when it was made with a named set of Spark settings.
     */
    public String label() {
        return label(variant, source, settingsName);
    }

    /** The label of {@code variant} read from {@code source} with the named settings ({@code ""}: none). */
    public static String label(String variant, String source, String settingsName) {
        String label = label(variant, source);
        return settingsName == null || settingsName.isEmpty() ? label : label + "+" + settingsName;
    }

    /**
     * The label of {@code variant} read from {@code source}: {@code -socket} marks a run on a socket, except
     * for the variants that read nothing else (so their names stay as they are).
     */
    public static String label(String variant, String source) {
        return "socket".equals(source) && readsReplay(variant) ? variant + "-socket" : variant;
    }

    private static boolean readsReplay(String variant) {
        try {
            return statelab.core.Variants.byName(variant).sources().contains(statelab.core.Source.REPLAY);
        } catch (IllegalArgumentException e) {
            return false; // a variant not on this classpath (results read elsewhere)
        }
    }

    /** A run stopped at the end of its window because it fell behind: a valid measurement, counts unchecked. */
    public boolean quitWhenBehind() {
        return outcome == Outcome.STOPPED_BEHIND;
    }

    /** Neither lost nor wrong: counts verified, or the run was stopped because it fell behind. */
    public boolean usable() {
        return outcome.usable();
    }

    /** Builds a summary by name, so no two figures can be swapped. */
    public static final class Builder {
        private String variant;
        private String source;
        private long keys;
        private long rateWordsPerS;
        private int wordsPerLine;
        private long batchMs;
        private long warmupMs;
        private long measureMs;
        private String master;
        private List<Long> walkKeys;
        private int cores;
        private int partitions;
        private Map<String, String> options = Map.of();
        private Map<String, String> sparkConf = Map.of();
        private String settingsName = "";
        private boolean profiled;
        private long seed;
        private String startedAt;
        private int measuredBatches;
        private int windows = 1;
        private long windowMs;
        private List<Window> windowFigures = List.of();
        private long medianProcessingMs = -1;
        private long medianProcessingMinMs = -1;
        private long medianProcessingMaxMs = -1;
        private long p99ProcessingMs = -1;
        private long maxProcessingMs = -1;
        private long medianNormalProcessingMs = -1;
        private long medianCheckpointProcessingMs = -1;
        private long medianTotalDelayMs = -1;
        private long medianTotalDelayMinMs = -1;
        private long medianTotalDelayMaxMs = -1;
        private long p99TotalDelayMs = -1;
        private long maxSchedulingDelayMs = -1;
        private double schedulingDelaySlopeMsPerBatch;
        private boolean keepingUp;
        private Outcome outcome = Outcome.FAILED;
        private String countsNote = "";
        private long wordsSent;
        private long distinctKeys;
        private long stateBytesAtEnd = -1;
        private double loadgenLagP99Ms;
        private int checkpointEveryBatches;
        private long windowStartAfterFillMs;
        private RateSteps rateSteps;
        private List<Step> steps = List.of();
        private long verifyMs;
        private WordLatency.Figures latency = WordLatency.Figures.unknown("latency not measured");
        private Map<String, ProgressFigure> progress = Map.of();

        private Builder() {
        }

        private Builder(RunSummary s) {
            variant = s.variant;
            source = s.source;
            keys = s.keys;
            rateWordsPerS = s.rateWordsPerS;
            wordsPerLine = s.wordsPerLine;
            batchMs = s.batchMs;
            warmupMs = s.warmupMs;
            measureMs = s.measureMs;
            master = s.master;
            walkKeys = s.walkKeys;
            cores = s.cores;
            partitions = s.partitions;
            options = s.options;
            sparkConf = s.sparkConf;
            settingsName = s.settingsName;
            profiled = s.profiled;
            seed = s.seed;
            startedAt = s.startedAt;
            statisticsFrom(s);
            outcome = s.outcome;
            countsNote = s.countsNote;
            wordsSent = s.wordsSent;
            distinctKeys = s.distinctKeys;
            stateBytesAtEnd = s.stateBytesAtEnd;
            progress = s.progress;
            loadgenLagP99Ms = s.loadgenLagP99Ms;
            checkpointEveryBatches = s.checkpointEveryBatches;
            windowStartAfterFillMs = s.windowStartAfterFillMs;
            rateSteps = s.rateSteps;
            steps = s.steps;
            verifyMs = s.verifyMs;
            latency = new WordLatency.Figures(s.latencyP50Ms, s.latencyP99Ms, s.latencyP999Ms, s.latencyMaxMs,
                    s.latencyParts, s.latencyNote);
        }

        private void statisticsFrom(RunSummary s) {
            measuredBatches = s.measuredBatches;
            windows = s.windows;
            windowMs = s.windowMs;
            windowFigures = s.windowFigures;
            medianProcessingMs = s.medianProcessingMs;
            medianProcessingMinMs = s.medianProcessingMinMs;
            medianProcessingMaxMs = s.medianProcessingMaxMs;
            p99ProcessingMs = s.p99ProcessingMs;
            maxProcessingMs = s.maxProcessingMs;
            medianNormalProcessingMs = s.medianNormalProcessingMs;
            medianCheckpointProcessingMs = s.medianCheckpointProcessingMs;
            medianTotalDelayMs = s.medianTotalDelayMs;
            medianTotalDelayMinMs = s.medianTotalDelayMinMs;
            medianTotalDelayMaxMs = s.medianTotalDelayMaxMs;
            p99TotalDelayMs = s.p99TotalDelayMs;
            maxSchedulingDelayMs = s.maxSchedulingDelayMs;
            schedulingDelaySlopeMsPerBatch = s.schedulingDelaySlopeMsPerBatch;
            keepingUp = s.keepingUp;
        }

        /** The figures of the measured windows of {@code windowMs} each, at {@code batchMs} batches. */
        public Builder statistics(WindowStatistics stats, long windowMs, long batchMs) {
            RunStatistics all = stats.all();
            measuredBatches = all.batches();
            windows = stats.windows().size();
            this.windowMs = windowMs;
            windowFigures = stats.windows().stream().map(Window::of).toList();
            medianProcessingMs = stats.medianProcessingMs();
            medianProcessingMinMs = stats.minMedianProcessingMs();
            medianProcessingMaxMs = stats.maxMedianProcessingMs();
            p99ProcessingMs = all.p99ProcessingMs();
            maxProcessingMs = all.maxProcessingMs();
            medianNormalProcessingMs = all.medianNormalProcessingMs();
            medianCheckpointProcessingMs = all.medianCheckpointProcessingMs();
            medianTotalDelayMs = stats.medianTotalDelayMs();
            medianTotalDelayMinMs = stats.minMedianTotalDelayMs();
            medianTotalDelayMaxMs = stats.maxMedianTotalDelayMs();
            p99TotalDelayMs = all.p99TotalDelayMs();
            maxSchedulingDelayMs = all.maxSchedulingDelayMs();
            schedulingDelaySlopeMsPerBatch = all.schedulingDelaySlopeMsPerBatch();
            keepingUp = stats.keepingUp(batchMs);
            return this;
        }

        /** How the run ended; {@code note} says what differed (empty when verified). */
        public Builder outcome(Outcome value, String note) {
            outcome = value;
            countsNote = note;
            return this;
        }

        public Builder variant(String value) { variant = value; return this; }
        public Builder source(String value) { source = value; return this; }
        public Builder keys(long value) { keys = value; return this; }
        public Builder rateWordsPerS(long value) { rateWordsPerS = value; return this; }
        public Builder wordsPerLine(int value) { wordsPerLine = value; return this; }
        public Builder batchMs(long value) { batchMs = value; return this; }
        public Builder warmupMs(long value) { warmupMs = value; return this; }
        public Builder measureMs(long value) { measureMs = value; return this; }
        public Builder master(String value) { master = value; return this; }
        public Builder walkKeys(List<Long> value) { walkKeys = value; return this; }
        public Builder windows(int value) { windows = value; return this; }
        public Builder windowMs(long value) { windowMs = value; return this; }
        public Builder windowFigures(List<Window> value) { windowFigures = value; return this; }
        public Builder medianProcessingMinMs(long value) { medianProcessingMinMs = value; return this; }
        public Builder medianProcessingMaxMs(long value) { medianProcessingMaxMs = value; return this; }
        public Builder medianTotalDelayMinMs(long value) { medianTotalDelayMinMs = value; return this; }
        public Builder medianTotalDelayMaxMs(long value) { medianTotalDelayMaxMs = value; return this; }
        public Builder cores(int value) { cores = value; return this; }
        public Builder partitions(int value) { partitions = value; return this; }
        public Builder options(Map<String, String> value) { options = value; return this; }
        public Builder sparkConf(Map<String, String> value) { sparkConf = value; return this; }
        public Builder settingsName(String value) { settingsName = value; return this; }
        public Builder profiled(boolean value) { profiled = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder startedAt(String value) { startedAt = value; return this; }
        public Builder measuredBatches(int value) { measuredBatches = value; return this; }
        public Builder medianProcessingMs(long value) { medianProcessingMs = value; return this; }
        public Builder p99ProcessingMs(long value) { p99ProcessingMs = value; return this; }
        public Builder maxProcessingMs(long value) { maxProcessingMs = value; return this; }
        public Builder medianNormalProcessingMs(long value) { medianNormalProcessingMs = value; return this; }
        public Builder medianCheckpointProcessingMs(long value) { medianCheckpointProcessingMs = value; return this; }
        public Builder medianTotalDelayMs(long value) { medianTotalDelayMs = value; return this; }
        public Builder p99TotalDelayMs(long value) { p99TotalDelayMs = value; return this; }
        public Builder maxSchedulingDelayMs(long value) { maxSchedulingDelayMs = value; return this; }
        public Builder schedulingDelaySlopeMsPerBatch(double value) {
            schedulingDelaySlopeMsPerBatch = value;
            return this;
        }
        public Builder keepingUp(boolean value) { keepingUp = value; return this; }
        public Builder wordsSent(long value) { wordsSent = value; return this; }
        public Builder distinctKeys(long value) { distinctKeys = value; return this; }
        public Builder stateBytesAtEnd(long value) { stateBytesAtEnd = value; return this; }
        public Builder progress(Map<String, ProgressFigure> value) { progress = value; return this; }
        public Builder loadgenLagP99Ms(double value) { loadgenLagP99Ms = value; return this; }
        public Builder checkpointEveryBatches(int value) { checkpointEveryBatches = value; return this; }
        public Builder windowStartAfterFillMs(long value) { windowStartAfterFillMs = value; return this; }
        public Builder rateSteps(RateSteps value) { rateSteps = value; return this; }
        public Builder steps(List<Step> value) { steps = value; return this; }
        public Builder verifyMs(long value) { verifyMs = value; return this; }
        public Builder latency(WordLatency.Figures value) { latency = value; return this; }

        public RunSummary build() {
            return new RunSummary(FORMAT, variant, source, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs,
                    measureMs, master, walkKeys, cores, partitions, options, sparkConf, settingsName, profiled,
                    seed,
                    startedAt,
                    measuredBatches, windows,
                    windowMs, windowFigures, medianProcessingMs, medianProcessingMinMs, medianProcessingMaxMs,
                    p99ProcessingMs, maxProcessingMs, medianNormalProcessingMs, medianCheckpointProcessingMs,
                    medianTotalDelayMs, medianTotalDelayMinMs, medianTotalDelayMaxMs, p99TotalDelayMs,
                    maxSchedulingDelayMs,
                    schedulingDelaySlopeMsPerBatch, keepingUp, outcome, outcome == Outcome.VERIFIED, countsNote,
                    wordsSent, distinctKeys, stateBytesAtEnd, loadgenLagP99Ms, checkpointEveryBatches,
                    windowStartAfterFillMs, rateSteps, steps, verifyMs, latency.p50Ms(), latency.p99Ms(),
                    latency.p999Ms(), latency.maxMs(), latency.parts(), latency.note(), progress);
        }
    }
}
