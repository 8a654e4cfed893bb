package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.util.Map;
import java.util.TreeMap;
import statelab.core.Source;
import statelab.core.SparkConfs;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.loadgen.Quantities;

/**
 * What shapes any run of a variant, whatever it measures (a bench run, a sweep's, a search's probe, a recovery):
 * the variant and where it reads, the state size and load, the batch interval, the cores and partitions Spark
 * gets, the load generator's seed and the variant's own options. Rates in words per second, times in ms.
 *
 * <p>The defaults live here once ({@code DEFAULT_*}); the command line shows the same constants. Build one by
 * name: {@code RunShape.builder("map-with-state").keys(100_000).rateWordsPerS(30_000).build()}.
 *
 * @param source  where the variant reads: never null once built (the variant's default when not given)
 * @param options   the variant's own options ({@link Variant#optionNames()}), by name
 * @param sparkConf extra Spark settings ({@code --conf KEY=VALUE}), applied after the lab's own
 * @param settingsName the name of the set of Spark settings a sweep compares ({@code --conf-sets}), empty when none:
 *                  part of the label, so that each set's runs are a series of their own
 */
public record RunShape(String variant, Source source, long keys, long rateWordsPerS, int wordsPerLine, long batchMs,
                       int cores, int partitions, long seed, Map<String, String> options,
                       Map<String, String> sparkConf, String settingsName) {

    public static final String DEFAULT_BATCH = "1s";
    public static final int DEFAULT_WORDS_PER_LINE = 10;
    public static final int DEFAULT_CORES = 2;
    public static final int DEFAULT_PARTITIONS = 2;
    public static final long DEFAULT_SEED = 1;

    public RunShape {
        options = Map.copyOf(options);
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        settingsName = settingsName == null ? "" : settingsName;
    }

    public static Builder builder(String variant) {
        return new Builder(variant);
    }

    public Builder toBuilder() {
        return new Builder(variant).source(source).keys(keys).rateWordsPerS(rateWordsPerS).wordsPerLine(wordsPerLine)
                .batchMs(batchMs).cores(cores).partitions(partitions).seed(seed).options(options)
                .sparkConf(sparkConf).settingsName(settingsName);
    }

    /** The checks every run's shape passes before anything starts; a clear error otherwise. */
    public void validate() {
        Variants.byName(variant).resolveSource(source);
        require(keys > 0, "keys must be positive, got " + keys);
        require(rateWordsPerS > 0, "rate must be positive, got " + rateWordsPerS + " words/s");
        require(wordsPerLine > 0, "words per line must be positive, got " + wordsPerLine);
        require(batchMs > 0, "batch interval must be positive, got " + batchMs + " ms");
        require(rateWordsPerS >= wordsPerLine, "rate must be at least one line (" + wordsPerLine
                + " words) per second, got " + rateWordsPerS);
        require(cores > 0, "processing cores must be positive, got " + cores);
        require(partitions > 0, "partitions must be positive, got " + partitions);
        SparkConfs.check(sparkConf, Variants.byName(variant));
    }

    /** The local master that gives the variant {@code cores} for processing plus the cores its source holds. */
    public String localMaster() {
        return "local[" + totalCores() + "]";
    }

    /** The cores for processing plus those its source holds for good (a DStream socket receiver's). */
    public int totalCores() {
        return cores + Variants.byName(variant).sourceCores(source);
    }

    /** The variant's options with its measuring defaults ({@link Variant#measuringDefaults()}) under them. */
    public Map<String, String> measuredOptions() {
        Map<String, String> effective = new TreeMap<>(Variants.byName(variant).measuringDefaults());
        effective.putAll(options);
        return effective;
    }

    /** How results name a run of this shape: the variant, plus {@code -socket} on a socket where it reads replay. */
    public String label() {
        return statelab.harness.results.RunSummary.label(variant, source.label(), settingsName);
    }

    public double rateLinesPerSec() {
        return rateWordsPerS / (double) wordsPerLine;
    }

    /** Builds a shape by name; what is not given takes the defaults above. */
    public static final class Builder {
        private final String variant;
        private Source source;
        private long keys = 1_000;
        private long rateWordsPerS = 10_000;
        private int wordsPerLine = DEFAULT_WORDS_PER_LINE;
        private long batchMs = Quantities.parseDuration(DEFAULT_BATCH).toMillis();
        private int cores = DEFAULT_CORES;
        private int partitions = DEFAULT_PARTITIONS;
        private long seed = DEFAULT_SEED;
        private Map<String, String> options = Map.of();
        private Map<String, String> sparkConf = Map.of();
        private String settingsName = "";

        private Builder(String variant) {
            this.variant = variant;
        }

        /** Null: the variant's default source. */
        public Builder source(Source value) { source = value; return this; }
        public Builder keys(long value) { keys = value; return this; }
        public Builder rateWordsPerS(long value) { rateWordsPerS = value; return this; }
        public Builder wordsPerLine(int value) { wordsPerLine = value; return this; }
        public Builder batchMs(long value) { batchMs = value; return this; }
        public Builder cores(int value) { cores = value; return this; }
        public Builder partitions(int value) { partitions = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder options(Map<String, String> value) { options = value; return this; }
        public Builder sparkConf(Map<String, String> value) { sparkConf = value; return this; }
        public Builder settingsName(String value) { settingsName = value; return this; }

        public RunShape build() {
            Source resolved = source != null ? source : Variants.byName(variant).defaultSource();
            return new RunShape(variant, resolved, keys, rateWordsPerS, wordsPerLine, batchMs, cores, partitions, seed,
                    options, sparkConf, settingsName);
        }
    }
}
