package statelab.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a variant needs to start: where the lines come from, the batch interval, the Spark master,
 * where state is checkpointed, and the variant's own options (for example {@code output-mode}).
 *
 * @param variant                   the variant's registered name
 * @param master                    Spark master URL ({@code local[*]}, {@code spark://host:7077})
 * @param source                    where the lines come from, or null for the variant's default
 * @param host                      load generator host
 * @param port                      load generator port
 * @param batchMs                   batch (trigger) interval
 * @param checkpointDir             state checkpoint directory, or null for a fresh temporary one
 * @param partitions                shuffle partitions (DStream parallelism and {@code spark.sql.shuffle.partitions})
 * @param checkpointEveryBatches    state checkpoint interval of the stateful DStreams, in batches
 * @param uiEnabled                 whether to start Spark's web UI (bound to 127.0.0.1)
 * @param fresh                     start over on a checkpoint directory the lab wrote before, instead of resuming
 * @param options                   variant-specific options, by name
 * @param sparkConf                 extra Spark settings, applied last
 * @param listeners                 receive every batch's metrics
 */
public record RunSpec(String variant, String master, Source source, String host, int port, long batchMs,
                      Path checkpointDir, int partitions, int checkpointEveryBatches, boolean uiEnabled, boolean fresh,
                      Map<String, String> options,
                      Map<String, String> sparkConf, List<BatchListener> listeners) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_MASTER = "local[*]";

    public RunSpec {
        options = Map.copyOf(options);
        sparkConf = Map.copyOf(sparkConf);
        listeners = List.copyOf(listeners);
    }

    public static Builder builder(String variant) {
        return new Builder(variant);
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    /**
     * The settings that decide what a checkpoint holds, given the source the variant resolved: the variant's
     * options, batch interval, partitions and source, and the state store's Spark settings. A resumed run must use
     * the same.
     */
    public Map<String, String> stateShapingSettings(Source resolvedSource) {
        Map<String, String> settings = new TreeMap<>(options);
        settings.putAll(SparkConfs.stateShaping(sparkConf));
        settings.put("batchMs", Long.toString(batchMs));
        settings.put("partitions", Integer.toString(partitions));
        settings.put("source", resolvedSource.label());
        return settings;
    }

    /** This spec with one more listener. */
    public RunSpec withListener(BatchListener listener) {
        List<BatchListener> more = new ArrayList<>(listeners);
        more.add(listener);
        return new RunSpec(variant, master, source, host, port, batchMs, checkpointDir, partitions,
                checkpointEveryBatches, uiEnabled, fresh, options, sparkConf, more);
    }

    /** Builds a {@link RunSpec}; defaults suit a laptop demo. */
    public static final class Builder {
        private final String variant;
        private String master = DEFAULT_MASTER;
        private Source source;
        private String host = DEFAULT_HOST;
        private int port = 9999;
        private long batchMs = 1000;
        private Path checkpointDir;
        private int partitions = 2;
        private int checkpointEveryBatches = 10;
        private boolean uiEnabled;
        private boolean fresh;
        private final Map<String, String> options = new TreeMap<>();
        private final Map<String, String> sparkConf = new TreeMap<>();
        private final List<BatchListener> listeners = new ArrayList<>();

        private Builder(String variant) {
            this.variant = variant;
        }

        public Builder master(String value) { this.master = value; return this; }
        public Builder source(Source value) { this.source = value; return this; }
        public Builder host(String value) { this.host = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder batchMs(long value) { this.batchMs = value; return this; }
        public Builder checkpointDir(Path value) { this.checkpointDir = value; return this; }
        public Builder partitions(int value) { this.partitions = value; return this; }
        public Builder checkpointEveryBatches(int value) { this.checkpointEveryBatches = value; return this; }
        public Builder uiEnabled(boolean value) { this.uiEnabled = value; return this; }
        public Builder fresh(boolean value) { this.fresh = value; return this; }
        public Builder option(String name, String value) { this.options.put(name, value); return this; }
        public Builder sparkConf(String name, String value) { this.sparkConf.put(name, value); return this; }
        public Builder sparkConf(Map<String, String> values) { this.sparkConf.putAll(values); return this; }
        public Builder listener(BatchListener value) { this.listeners.add(value); return this; }

        public RunSpec build() {
            if (batchMs <= 0) {
                throw new IllegalArgumentException("batch interval must be positive, got " + batchMs + " ms");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            if (checkpointEveryBatches < 1) {
                throw new IllegalArgumentException(
                        "checkpoint interval must be at least 1 batch, got " + checkpointEveryBatches);
            }
            return new RunSpec(variant, master, source, host, port, batchMs, checkpointDir, partitions,
                    checkpointEveryBatches, uiEnabled, fresh, options, sparkConf, listeners);
        }
    }
}
