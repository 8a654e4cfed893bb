package statelab.core;

import java.nio.file.Path;
import java.nio.file.Paths;
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

    private SparkSettings() {
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
                // Without this RocksDB's numRowsTotal reads 0.
                .set("spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows", "true")
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
