package statelab.core;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings every variant shares, in one place: loopback-only networking, a quiet single machine,
 * small shuffles, scratch files in the lab's own temporary directory.
 */
public final class SparkSettings {

    /** Structured Streaming's RocksDB state store (Spark 3.2+). */
    public static final String ROCKSDB_PROVIDER =
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    /** Whether RocksDB counts the state's rows; without it the store reports 0 rows, whatever it holds. */
    public static final String ROCKSDB_TRACK_ROWS = "spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows";

    /**
     * The lab's settings of the RocksDB store, for the variants on it, each measured side by side with Spark's own
     * (BENCHMARKS.md, "RocksDB at 3 M keys"; 30,000 words/s, 1 s batches, 2 partitions): without them the store fell
     * behind at 1 M keys (median processing 1,447 ms) and at 3 M (2,971 ms); with them it kept up at 3 M (822 ms).
     * <ul>
     *   <li>a block cache of 256 MB per store instance (Spark's is 8 MB): at 3 M keys Spark's missed 85% of its
     *       block reads, every get then reading and decompressing a block from the files; 256 MB holds the state's
     *       blocks (about 15 MB of SST files per partition at 3 M keys) and cut the median to 996 ms;</li>
     *   <li>no row counting: with it every write first reads the key to know whether the state grew, twice the
     *       gets (822 ms against 996 ms with the cache at 3 M keys). The store then reports 0 rows, so the batches
     *       record the state's keys as unknown and the harness takes them from the load generator's ledger.</li>
     * </ul>
     * A {@code --conf} naming one of these keys overrides it.
     */
    public static final Map<String, String> ROCKSDB_DEFAULTS = Map.of(
            "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB", "256",
            ROCKSDB_TRACK_ROWS, "false");

    /** How Structured Streaming writes its checkpoint files, and the lab's choice (see {@link #conf}). */
    public static final String CHECKPOINT_FILE_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";
    static final String FILE_SYSTEM_CHECKPOINTS =
            "org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager";

    private SparkSettings() {
    }

    /** The lab's RocksDB settings that {@code sparkConf} (a run's {@code --conf}) does not set itself. */
    public static Map<String, String> rocksDbDefaults(Map<String, String> sparkConf) {
        Map<String, String> defaults = new TreeMap<>(ROCKSDB_DEFAULTS);
        defaults.keySet().removeAll(sparkConf.keySet());
        return defaults;
    }

    /** Whether a session's RocksDB store counts its rows (Spark's default: it does). */
    static boolean rocksDbCountsRows(org.apache.spark.sql.RuntimeConfig conf) {
        return Boolean.parseBoolean(conf.get(ROCKSDB_TRACK_ROWS, "true"));
    }

    /**
     * The master spark-submit was given (it passes it to the application as the system property
     * {@code spark.master}), else {@code otherwise}.
     */
    public static String submittedMaster(String otherwise) {
        return System.getProperty("spark.master", otherwise);
    }

    /** The lab's scratch directory (the JVM's temporary directory, which ./lab and the tests point at the lab). */
    public static Path scratchDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    public static SparkConf conf(RunSpec spec) {
        SparkConf conf = new SparkConf()
                .setAppName("statelab-" + spec.variant())
                .setMaster(spec.master())
                // Everything stays on this machine's loopback interface.
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", Boolean.toString(spec.uiEnabled()))
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.local.dir", scratchDir().resolve("spark-local").toString())
                // Few cores: the default 200 shuffle partitions make every micro-batch take seconds.
                .set("spark.sql.shuffle.partitions", Integer.toString(spec.partitions()))
                .set("spark.default.parallelism", Integer.toString(spec.partitions()))
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.sql.warehouse.dir", scratchDir().resolve("spark-warehouse").toUri().toString())
                // Structured Streaming writes each checkpoint file (offsets, commits, the state store's files) to a
                // temporary name, then renames it. Through Hadoop's FileContext (Spark's default) the rename looks
                // for symbolic links, which on the local file system without Hadoop's native library forks
                // `readlink` for every file; through the FileSystem API it does not. Side by side at 1 M keys on
                // RocksDB (BENCHMARKS.md, "RocksDB at 3 M keys"): walCommit 33 -> 9 ms, commitOffsets 39 -> 10 ms,
                // median processing 1,064 -> 792 ms. The rename stays atomic on a local or HDFS file system.
                .set(CHECKPOINT_FILE_MANAGER, FILE_SYSTEM_CHECKPOINTS)
                .set("spark.streaming.gracefulStopTimeout", Long.toString(Math.max(10_000, 10 * spec.batchMs())));
        if (spec.master().startsWith("spark://")) {
            // A real cluster's executors load the lab's classes (the variants' functions) from its jars.
            String jars = labJars();
            if (!jars.isEmpty()) {
                conf.set("spark.jars", jars);
            }
        }
        spec.sparkConf().forEach(conf::set);
        return conf;
    }

    /** The lab's own jars on this JVM's classpath (core and the variants), comma separated. */
    static String labJars() {
        java.util.List<String> jars = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Paths.get(entry).getFileName().toString();
            if (name.startsWith("statelab-") && name.endsWith(".jar") && !name.contains("-tests")) {
                jars.add(Paths.get(entry).toAbsolutePath().toString());
            }
        }
        return String.join(",", jars);
    }

    /** A session for Structured Streaming, built from the same settings. */
    public static SparkSession session(RunSpec spec) {
        return SparkSession.builder().config(conf(spec)).getOrCreate();
    }
}
