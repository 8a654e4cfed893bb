package statelab.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import statelab.core.BatchMetrics;
import statelab.core.BatchesInputDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSinks;
import statelab.core.DStreamJob;
import statelab.core.DStreamMetricsListener;
import statelab.core.RunSpec;
import statelab.core.SparkSettings;

/**
 * Spark for tests: one session per test class (start-up costs seconds), and a way to play a list of batches
 * through a DStream graph and collect each batch's output, deterministically (one list entry per batch).
 * A job whose batch fails fails the test at once, with Spark's error as the cause.
 */
public final class SparkForTests {

    /** Short batches keep tests quick; the input decides what each batch holds, not the clock. */
    public static final long TEST_BATCH_MS = 250;
    private static final long TIMEOUT_MS = 90_000;

    /** A graph with several outputs: output i goes to {@code DStreamOutputs.deliver(stream, sinkIds.get(i))}. */
    @FunctionalInterface
    public interface MultiGraph {
        void build(JavaStreamingContext ssc, JavaDStream<String> lines, List<String> sinkIds);
    }

    /** What a measured play returns: each batch's output and the metrics the lab's listener reported for it. */
    public record Measured(List<Map<String, Long>> outputs, List<BatchMetrics> metrics) {
    }

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
                                                      DStreamJob.Graph graph) {
        return playBatches(spark, batches, 1, (ssc, lines, sinkIds) -> graph.build(ssc, lines, sinkIds.get(0)))
                .get(0);
    }

    /**
     * As {@link #playBatches(SparkSession, List, DStreamJob.Graph)}, with the lab's {@link DStreamMetricsListener}
     * attached as a stateful job has it (reading state memory from the session's Spark context): also returns the
     * first {@code batches.size()} batches' metrics.
     */
    public static Measured playBatchesMeasured(SparkSession spark, List<List<String>> batches,
                                               DStreamJob.Graph graph) {
        List<BatchMetrics> metrics = new CopyOnWriteArrayList<>();
        RunSpec spec = RunSpec.builder("measured-test").batchMs(TEST_BATCH_MS).listener(metrics::add).build();
        DStreamMetricsListener listener = new DStreamMetricsListener(spec, null, spark.sparkContext());
        List<Map<String, Long>> outputs = playBatches(spark, batches, 1,
                (ssc, lines, sinkIds) -> graph.build(ssc, lines, sinkIds.get(0)), listener,
                () -> metrics.size() >= batches.size()).get(0);
        List<BatchMetrics> sorted = new ArrayList<>(metrics);
        sorted.sort(Comparator.comparingLong(BatchMetrics::batchTimeMs));
        return new Measured(outputs, List.copyOf(sorted.subList(0, batches.size())));
    }

    /** As {@link #playBatches(SparkSession, List, DStreamJob.Graph)}, for each of the graph's {@code outputs}. */
    public static List<List<Map<String, Long>>> playBatches(SparkSession spark, List<List<String>> batches,
                                                            int outputs, MultiGraph graph) {
        return playBatches(spark, batches, outputs, graph, null, () -> true);
    }

    /** The play itself: with a streaming listener (or none) and until {@code alsoDone} holds too. */
    private static List<List<Map<String, Long>>> playBatches(SparkSession spark, List<List<String>> batches,
                                                             int outputs, MultiGraph graph,
                                                             StreamingListener listener,
                                                             BooleanSupplier alsoDone) {
        JavaStreamingContext ssc = new JavaStreamingContext(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Durations.milliseconds(TEST_BATCH_MS));
        List<CollectingSink> sinks = new ArrayList<>();
        List<String> sinkIds = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            CollectingSink sink = new CollectingSink();
            sinks.add(sink);
            sinkIds.add(CountsSinks.register(sink));
        }
        try {
            ssc.checkpoint(tempDir("test-checkpoint-").toString()); // stateful and windowed operators need one
            graph.build(ssc, BatchesInputDStream.of(ssc, batches), sinkIds);
            if (listener != null) {
                ssc.addStreamingListener(listener);
            }
            ssc.start();
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!sinks.stream().allMatch(sink -> sink.size() >= batches.size()) || !alsoDone.getAsBoolean()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the job did not finish " + batches.size() + " batches in "
                            + TIMEOUT_MS / 1000 + " s");
                }
                try {
                    ssc.awaitTerminationOrTimeout(50); // throws the error of a failed batch
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                } catch (Exception e) {
                    throw new AssertionError("the streaming job failed: " + ConsoleRun.rootMessage(e), e);
                }
            }
            List<List<Map<String, Long>>> results = new ArrayList<>();
            for (CollectingSink sink : sinks) {
                results.add(sink.first(batches.size()));
            }
            return results;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            ssc.stop(false, false);
            sinkIds.forEach(CountsSinks::unregister);
        }
    }

    public static Path tempDir(String prefix) throws IOException {
        Files.createDirectories(SparkSettings.scratchDir());
        return Files.createTempDirectory(SparkSettings.scratchDir(), prefix);
    }
}
