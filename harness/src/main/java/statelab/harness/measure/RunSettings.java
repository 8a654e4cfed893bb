package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.util.List;
import java.util.Map;
import statelab.core.SparkSettings;
import statelab.core.Variants;
import statelab.harness.results.RateSteps;
import statelab.harness.results.RunStatistics;
import statelab.harness.results.RunSummary;
import statelab.loadgen.Quantities;

/**
 * One measured point ({@link Walk}): its {@link RunShape} and how it is measured. Times in milliseconds. A
 * point is measured as {@code windows} windows that share {@code measureMs}; in a walk it is one of the state
 * sizes {@code walkKeys} one JVM goes through, in a JVM of its own when {@code walkKeys} is its keys alone.
 * Build one by name, {@code RunSettings.builder("update-state").keys(10_000).rateWordsPerS(30_000).build()};
 * change one with {@code settings.toBuilder().rateWordsPerS(60_000).build()}. The defaults live here and in
 * {@link RunShape}, once; the command line shows the same constants.
 *
 * @param master         Spark master, or null: local with the shape's cores plus the cores the source holds
 * @param walkKeys       the state sizes of the walk this point belongs to, in order (its own keys among them)
 * @param windows        how many windows the measured time is split into (at least {@value #MIN_WINDOWS})
 * @param steps          a staircase of rates after the point's windows, or null
 * @param quitWhenBehind stop a run found falling behind at the end of its window instead of draining it
 * @param maxFillMs      the longest a fill (sending a point's new keys once each) may take: a fill that would take
 *                       longer at the point's rate is sent faster
 * @param profile        record a Java Flight Recorder file of the point's measured windows ({@link Profile})
 */
public record RunSettings(RunShape shape, List<Long> walkKeys, long warmupMs, long measureMs, int windows,
                          String master, long verifyTimeoutMs, int checkpointEveryBatches, boolean quitWhenBehind,
                          RateSteps steps, long maxFillMs, boolean profile) {

    public static final String DEFAULT_WARMUP = "10s";
    public static final String DEFAULT_MEASURE = "60s";
    /** The fewest windows a point is measured as: a spread needs at least three. */
    public static final int MIN_WINDOWS = 3;
    public static final int DEFAULT_WINDOWS = 3;
    public static final String DEFAULT_VERIFY_TIMEOUT = "60s";
    /** Spark's own default for stateful DStreams: a state checkpoint every 10 batches. */
    public static final int DEFAULT_CHECKPOINT_EVERY_BATCHES = 10;
    /** By default a fill takes at most this long: larger key counts are filled faster than the target rate. */
    public static final String DEFAULT_MAX_FILL = "20s";
    /** How much longer than {@code warmupMs} the warm-up waits for the fill's backlog to be worked off. */
    public static final long MAX_CATCH_UP_MS = 90_000;

    public RunSettings {
        walkKeys = walkKeys == null || walkKeys.isEmpty() ? List.of(shape.keys()) : List.copyOf(walkKeys);
    }

    public static Builder builder(String variant) {
        return new Builder(RunShape.builder(variant));
    }

    /** Settings whose shape starts from {@code shape} (which this builder then owns). */
    public static Builder builder(RunShape.Builder shape) {
        return new Builder(shape);
    }

    /** A builder of these settings; a point alone stays alone when its keys change. */
    public Builder toBuilder() {
        return new Builder(shape.toBuilder()).walkKeys(alone() ? null : walkKeys).warmupMs(warmupMs)
                .measureMs(measureMs)
                .windows(windows).master(master)
                .verifyTimeoutMs(verifyTimeoutMs).checkpointEveryBatches(checkpointEveryBatches)
                .quitWhenBehind(quitWhenBehind).steps(steps).maxFillMs(maxFillMs).profile(profile);
    }

    public String variant() {
        return shape.variant();
    }

    public long keys() {
        return shape.keys();
    }

    public long rateWordsPerS() {
        return shape.rateWordsPerS();
    }

    public long batchMs() {
        return shape.batchMs();
    }

    public String label() {
        return shape.label();
    }

    /** Each window's length. */
    public long windowMs() {
        return measureMs / Math.max(1, windows);
    }

    /** Whether this point is measured in a JVM of its own (a walk of one state size). */
    public boolean alone() {
        return walkKeys.size() == 1;
    }

    public void validate() {
        shape.validate();
        require(warmupMs >= 0, "warm-up must not be negative");
        require(maxFillMs > 0, "the longest fill must be positive, got " + maxFillMs + " ms");
        require(windows >= MIN_WINDOWS, "a point is measured as at least " + MIN_WINDOWS + " windows (its figure "
                + "is the median of their medians, with their spread), got " + windows);
        require(windowMs() >= RunStatistics.MIN_MEASURED_BATCHES * shape.batchMs(), "each of the " + windows
                + " windows of " + measureMs + " ms measured is " + windowMs() + " ms, shorter than "
                + RunStatistics.MIN_MEASURED_BATCHES + " batches of " + shape.batchMs() + " ms");
        if (Variants.byName(shape.variant()).checkpointsStatePeriodically()) {
            require(windowMs() >= checkpointEveryBatches * shape.batchMs(), "each of the " + windows + " windows of "
                    + measureMs + " ms measured is " + windowMs() + " ms, shorter than one state checkpoint cycle ("
                    + checkpointEveryBatches + " batches of " + shape.batchMs() + " ms): measure longer, or fewer "
                    + "windows");
        }
        require(walkKeys.contains(shape.keys()), "the walk's keys " + walkKeys + " do not include " + shape.keys());
        for (int i = 1; i < walkKeys.size(); i++) {
            require(walkKeys.get(i) > walkKeys.get(i - 1), "a walk's key counts must increase, got "
                    + walkKeys.get(i - 1) + " then " + walkKeys.get(i));
        }
        require(verifyTimeoutMs > 0, "verify timeout must be positive");
        require(!profile || Profile.available(), "--profile: Java Flight Recorder cannot record in this JVM ("
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        require(checkpointEveryBatches > 0, "checkpoint interval must be at least 1 batch, got "
                + checkpointEveryBatches);
        if (steps != null) {
            steps.validate(shape.rateWordsPerS(), shape.batchMs());
        }
    }

    /** The master to run on: as given, as spark-submit was told, or local with the shape's cores. */
    public String effectiveMaster() {
        return master != null ? master : SparkSettings.submittedMaster(shape.localMaster());
    }

    public Map<String, String> effectiveOptions() {
        return shape.measuredOptions();
    }

    /** The keys the state holds before this point's fill: the walk's previous point's, 0 for its first. */
    public long previousKeys() {
        int i = walkKeys.indexOf(shape.keys());
        return i <= 0 ? 0 : walkKeys.get(i - 1);
    }

    /** Lines that send this point's new keys once each. */
    long fillLines() {
        return (shape.keys() - previousKeys() + shape.wordsPerLine() - 1) / shape.wordsPerLine();
    }

    /** The fill's rate: the point's rate, or faster so that it lasts at most {@code maxFillMs}. */
    double fillRateLinesPerSec() {
        return Math.max(shape.rateLinesPerSec(), fillLines() * 1000.0 / maxFillMs);
    }

    /** How long this point's fill lasts on the load generator's schedule. */
    public long fillMs() {
        return (long) Math.ceil(fillLines() * 1000.0 / fillRateLinesPerSec());
    }

    /** The longest this point can keep the load going: the stream is ended earlier, when the walk is done. */
    long maxLoadMs() {
        return fillMs() + warmupMs + MAX_CATCH_UP_MS + measureMs
                + (steps == null ? 0 : steps.maxDurationMs(shape.batchMs())) + 60_000;
    }

    /** A summary builder holding these settings; the run adds its figures and outcome. */
    RunSummary.Builder summary() {
        return RunSummary.builder().variant(shape.variant()).source(shape.source().label()).keys(shape.keys())
                .rateWordsPerS(shape.rateWordsPerS()).wordsPerLine(shape.wordsPerLine()).batchMs(shape.batchMs())
                .warmupMs(warmupMs).measureMs(measureMs).windows(windows).windowMs(windowMs())
                .master(effectiveMaster()).walkKeys(walkKeys).cores(shape.cores())
                .partitions(shape.partitions()).options(effectiveOptions()).sparkConf(shape.sparkConf())
                .settingsName(shape.settingsName())
                .seed(shape.seed()).checkpointEveryBatches(checkpointEveryBatches).rateSteps(steps).profiled(profile);
    }

    /** Whether {@code run} was made with these settings (so a sweep or search may keep it). */
    public boolean madeBy(RunSummary run) {
        return RunSummary.FORMAT.equals(run.format()) && run.variant().equals(shape.variant())
                && run.source().equals(shape.source().label()) && run.keys() == shape.keys()
                && run.rateWordsPerS() == shape.rateWordsPerS() && run.batchMs() == shape.batchMs()
                && run.measureMs() == measureMs && run.wordsPerLine() == shape.wordsPerLine()
                && run.checkpointEveryBatches() == checkpointEveryBatches && run.warmupMs() == warmupMs
                && run.windows() == windows && run.walkKeys().equals(walkKeys)
                && java.util.Objects.equals(run.rateSteps(), steps) && run.options().equals(effectiveOptions())
                && run.sparkConf().equals(shape.sparkConf()) && run.settingsName().equals(shape.settingsName())
                && run.profiled() == profile;
    }

    /** Builds run settings by name; what is not given takes the defaults. */
    public static final class Builder {
        private final RunShape.Builder shape;
        private List<Long> walkKeys;
        private int windows = DEFAULT_WINDOWS;
        private long warmupMs = Quantities.parseDuration(DEFAULT_WARMUP).toMillis();
        private long measureMs = Quantities.parseDuration(DEFAULT_MEASURE).toMillis();
        private String master;
        private long verifyTimeoutMs = Quantities.parseDuration(DEFAULT_VERIFY_TIMEOUT).toMillis();
        private int checkpointEveryBatches = DEFAULT_CHECKPOINT_EVERY_BATCHES;
        private boolean quitWhenBehind;
        private RateSteps steps;
        private long maxFillMs = Quantities.parseDuration(DEFAULT_MAX_FILL).toMillis();
        private boolean profile;

        private Builder(RunShape.Builder shape) {
            this.shape = shape;
        }

        public Builder source(statelab.core.Source value) { shape.source(value); return this; }
        public Builder keys(long value) { shape.keys(value); return this; }
        public Builder rateWordsPerS(long value) { shape.rateWordsPerS(value); return this; }
        public Builder wordsPerLine(int value) { shape.wordsPerLine(value); return this; }
        public Builder batchMs(long value) { shape.batchMs(value); return this; }
        public Builder cores(int value) { shape.cores(value); return this; }
        public Builder partitions(int value) { shape.partitions(value); return this; }
        public Builder seed(long value) { shape.seed(value); return this; }
        public Builder options(Map<String, String> value) { shape.options(value); return this; }
        public Builder sparkConf(Map<String, String> value) { shape.sparkConf(value); return this; }
        public Builder settingsName(String value) { shape.settingsName(value); return this; }
        /** The walk's state sizes (null or empty: this point's keys alone, a JVM of its own). */
        public Builder walkKeys(List<Long> value) { walkKeys = value; return this; }
        public Builder windows(int value) { windows = value; return this; }
        public Builder warmupMs(long value) { warmupMs = value; return this; }
        public Builder measureMs(long value) { measureMs = value; return this; }
        public Builder master(String value) { master = value; return this; }
        public Builder verifyTimeoutMs(long value) { verifyTimeoutMs = value; return this; }
        public Builder checkpointEveryBatches(int value) { checkpointEveryBatches = value; return this; }
        public Builder quitWhenBehind(boolean value) { quitWhenBehind = value; return this; }
        public Builder steps(RateSteps value) { steps = value; return this; }
        public Builder maxFillMs(long value) { maxFillMs = value; return this; }
        public Builder profile(boolean value) { profile = value; return this; }

        public RunSettings build() {
            return new RunSettings(shape.build(), walkKeys, warmupMs, measureMs, windows, master, verifyTimeoutMs,
                    checkpointEveryBatches, quitWhenBehind, steps, maxFillMs, profile);
        }
    }
}
