package statelab.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import statelab.core.LabException;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.RunShape;
import statelab.harness.results.RateSteps;
import statelab.harness.results.SearchBounds;
import statelab.loadgen.Converters.CountConverter;
import statelab.loadgen.Converters.DurationMsConverter;
import statelab.loadgen.Quantities;

/** How a measured run is shaped (a picocli mixin shared by bench, sweep and search); defaults from RunSettings. */
final class MeasureOptions {

    @Mixin
    RunShapeOptions shape;

    @Mixin
    SourceOption source;

    @Option(names = "--warmup", defaultValue = RunSettings.DEFAULT_WARMUP, converter = DurationMsConverter.class,
            description = "Batches after the fill that are recorded but not measured (default: ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--max-fill", defaultValue = RunSettings.DEFAULT_MAX_FILL, converter = DurationMsConverter.class,
            description = "The longest a fill (each new key sent once) may take: one that would take longer at --rate "
                    + "is sent faster (default: ${DEFAULT-VALUE}).")
    long maxFillMs;

    @Option(names = "--profile",
            description = "Record each point's measured windows with Java Flight Recorder (profile.jfr beside its "
                    + "summary) and count its CPU samples by method and package (profile.csv, in the report).")
    boolean profile;

    /** A sweep's named set of --conf settings, for the label of a run it measures in a JVM of its own. */
    @Option(names = "--settings-name", hidden = true, defaultValue = "")
    String settingsName;

    @Option(names = "--measure", defaultValue = RunSettings.DEFAULT_MEASURE, converter = DurationMsConverter.class,
            description = "The measured time of each point, split into --windows windows (default: ${DEFAULT-VALUE}).")
    long measureMs;

    @Option(names = "--windows", defaultValue = "" + RunSettings.DEFAULT_WINDOWS,
            description = "Windows a point is measured as, at least " + RunSettings.MIN_WINDOWS + ": its figure is the "
                    + "median of their medians, with their spread (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--master",
            description = "Spark master (default: local with --cores processing cores plus one for a DStream "
                    + "receiver).")
    String master;

    @Option(names = "--words-per-line", defaultValue = "" + RunShape.DEFAULT_WORDS_PER_LINE,
            description = "Words per line (default: ${DEFAULT-VALUE}).")
    int wordsPerLine;

    @Option(names = "--verify-timeout", defaultValue = RunSettings.DEFAULT_VERIFY_TIMEOUT,
            converter = DurationMsConverter.class,
            description = "After the load, give up on the final counts when no batch has completed for this long "
                    + "(default: ${DEFAULT-VALUE}).")
    long verifyTimeoutMs;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunSettings.DEFAULT_CHECKPOINT_EVERY_BATCHES,
            paramLabel = "BATCHES",
            description = "State checkpoint interval of the DStream variants, in batches (default: ${DEFAULT-VALUE}).")
    int checkpointEveryBatches;

    @Option(names = "--quit-when-behind",
            description = "Stop a run found falling behind at the end of its measured window instead of draining and "
                    + "verifying it (its counts are then marked not verified).")
    boolean quitWhenBehind;

    @Option(names = "--staircase", paramLabel = "WORDS_PER_S|KEYS=WORDS_PER_S[,...]",
            description = "After a point's windows, search the highest sustained rate in steps of the same run: the "
                    + "first step at this rate, then up by --staircase-factor while sustained and bisecting after a "
                    + "failed step until within --staircase-precision. A rate alone: after the last point; "
                    + "KEYS=RATE pairs (e.g. 10k=1M,1M=120k): after those points of a walk.")
    String staircase;

    @Option(names = "--staircase-factor", defaultValue = "4",
            description = "With --staircase: step up by this factor (default: ${DEFAULT-VALUE}).")
    double staircaseFactor;

    @Option(names = "--staircase-precision", defaultValue = "2",
            description = "With --staircase: stop once sustained and failed rates are within this factor "
                    + "(default: ${DEFAULT-VALUE}).")
    double staircasePrecision;

    @Option(names = "--staircase-max", defaultValue = "20M", converter = CountConverter.class,
            paramLabel = "WORDS_PER_S",
            description = "With --staircase: the highest rate to step to (default: ${DEFAULT-VALUE}).")
    long staircaseMaxRate;

    @Option(names = "--staircase-steps", defaultValue = "6",
            description = "With --staircase: at most this many steps (default: ${DEFAULT-VALUE}).")
    int staircaseSteps;

    @Option(names = "--step-settle", defaultValue = "2s", converter = DurationMsConverter.class,
            description = "With --staircase: time a step's rate runs before its batches count "
                    + "(default: ${DEFAULT-VALUE}).")
    long stepSettleMs;

    @Option(names = "--step-measure", defaultValue = "6s", converter = DurationMsConverter.class,
            description = "With --staircase: the batches that judge a step (default: ${DEFAULT-VALUE}).")
    long stepMeasureMs;

    @Mixin
    VariantOptions variantOptions;

    /** The --rate option of the commands that measure at one rate (a search sets the rate per probe). */
    static final class Rate {
        @Option(names = "--rate", required = true, converter = CountConverter.class,
                paramLabel = "WORDS_PER_S", description = "Update rate in words per second, e.g. 100000 or 100k.")
        long rateWordsPerS;
    }

    /** One point alone (a run in a JVM of its own), on the one source given (or the variant's default). */
    RunSettings settings(Variant variant, long keys, long rateWordsPerS) {
        return walk(variant, List.of(keys), rateWordsPerS, source.single()).get(0);
    }

    /** The points of one walk through {@code keys} (one key alone: a run in a JVM of its own) on {@code on}. */
    List<RunSettings> walk(Variant variant, List<Long> keys, long rateWordsPerS, Source on) {
        Map<Long, Long> stairs = staircases(keys);
        List<RunSettings> points = new ArrayList<>();
        for (long k : keys) {
            Long from = stairs.get(k);
            RateSteps steps = from == null ? null : new RateSteps(new SearchBounds(from, rateWordsPerS,
                    staircaseMaxRate, staircaseFactor, staircasePrecision, staircaseSteps), stepSettleMs,
                    stepMeasureMs);
            points.add(RunSettings.builder(shape.shape(variant.name())).source(on).keys(k).walkKeys(keys)
                    .rateWordsPerS(rateWordsPerS).wordsPerLine(wordsPerLine)
                    .options(variantOptions.forVariant(variant)).warmupMs(warmupMs).measureMs(measureMs)
                    .windows(windows).master(master).verifyTimeoutMs(verifyTimeoutMs)
                    .checkpointEveryBatches(checkpointEveryBatches).quitWhenBehind(quitWhenBehind).steps(steps)
                    .maxFillMs(maxFillMs).profile(profile).settingsName(settingsName).build());
        }
        return points;
    }

    /** The staircases' first rates by the key count they follow: a rate alone goes after the last point. */
    private Map<Long, Long> staircases(List<Long> keys) {
        Map<Long, Long> stairs = new TreeMap<>();
        if (staircase == null) {
            return stairs;
        }
        for (String part : staircase.split(",")) {
            String[] pair = part.strip().split("=", -1);
            if (pair.length == 1) {
                stairs.put(keys.get(keys.size() - 1), Quantities.parseCount(pair[0]));
            } else if (pair.length == 2) {
                long at = Quantities.parseCount(pair[0]);
                if (!keys.contains(at)) {
                    throw new LabException("--staircase " + part + ": " + at + " keys is not one of --keys " + keys);
                }
                stairs.put(at, Quantities.parseCount(pair[1]));
            } else {
                throw new LabException("--staircase takes RATE or KEYS=RATE[,KEYS=RATE...], got '" + staircase + "'");
            }
        }
        return stairs;
    }

    /**
     * One walk per source in {@code --source} (a comma list) that the variant reads; one on the variant's
     * default when it reads none of them (or none was given), so a sweep can mix both kinds. With
     * {@code freshJvm}, every key count is a walk of its own (a JVM each).
     */
    List<List<RunSettings>> walksPerSource(Variant variant, List<Long> keys, long rateWordsPerS, boolean freshJvm) {
        List<Source> sources = source.list().stream().filter(variant.sources()::contains).toList();
        List<List<RunSettings>> walks = new ArrayList<>();
        for (Source on : sources.isEmpty() ? java.util.Collections.<Source>singletonList(null) : sources) {
            if (freshJvm) {
                for (long k : keys) {
                    walks.add(walk(variant, List.of(k), rateWordsPerS, on));
                }
            } else {
                walks.add(walk(variant, keys, rateWordsPerS, on));
            }
        }
        return walks;
    }
}
