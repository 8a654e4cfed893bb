package statelab.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import statelab.core.BatchesInputDStream;
import statelab.core.CountsSinks;
import statelab.core.DStreamJob;
import statelab.core.RunSpec;
import statelab.core.SparkSettings;

/**
 * Spark for tests: one session per test class (start-up costs seconds), and a way to play a list of batches
 * through a DStream graph and collect each batch's output, deterministically (one list entry per batch).
 */
public final class SparkForTests {

    /** Short batches keep tests quick; the input decides what each batch holds, not the clock. */
    public static final long TEST_BATCH_MS = 250;

    private SparkForTests() {
    }

    /** A local[2] session with the lab's settings (loopback, no UI, 2 shuffle partitions). */
    public static SparkSession session(String name) {
        RunSpec spec = RunSpec.builder(name).master("local[2]").batchMs(TEST_BATCH_MS).build();
        return SparkSession.builder().config(SparkSettings.conf(spec)).getOrCreate();
    }

    /**
     * Plays {@code batches} through {@code graph} on a new streaming context over the session's Spark context
     * (which stays up for the next test) and returns the first {@code batches.size()} outputs.
     */
    public static List<Map<String, Long>> playBatches(SparkSession spark, List<List<String>> batches,
                                                      DStreamJob.Graph graph) throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.milliseconds(TEST_BATCH_MS));
        Path checkpoint = Files.createTempDirectory(SparkSettings.scratchDir(), "test-checkpoint-");
        ssc.checkpoint(checkpoint.toString());
        CollectingSink sink = new CollectingSink();
        String sinkId = CountsSinks.register(sink);
        try {
            JavaDStream<String> lines = BatchesInputDStream.of(ssc, batches);
            graph.build(ssc, lines, sinkId);
            ssc.start();
            return sink.awaitBatches(batches.size(), 60_000);
        } finally {
            ssc.stop(false, false);
            CountsSinks.unregister(sinkId);
        }
    }

    public static Path tempDir(String prefix) throws IOException {
        Files.createDirectories(SparkSettings.scratchDir());
        return Files.createTempDirectory(SparkSettings.scratchDir(), prefix);
    }
}
