package statelab.exercises.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;
import statelab.core.BatchesInputDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.CountsSinks;
import statelab.core.DStreamJob;
import statelab.core.WordCounts;
import statelab.core.testing.SparkForTests;

/**
 * Plays a fixed list of batches through a DStream graph, one batch per interval, and returns what each output
 * showed after each batch: like {@link SparkForTests#playBatches}, but a failing job fails the test at once
 * (with Spark's error as the cause) instead of timing out, and a graph may have several outputs.
 */
public final class PlayBatches {

    /** Batch interval of the played stream; batches queue when slower, so only the input decides the output. */
    public static final long BATCH_MS = SparkForTests.TEST_BATCH_MS;
    private static final long TIMEOUT_MS = 90_000;

    /** A graph with several outputs: output i goes to {@code DStreamOutputs.deliver(stream, sinkIds.get(i))}. */
    @FunctionalInterface
    public interface Graph {
        void build(JavaStreamingContext ssc, JavaDStream<String> lines, List<String> sinkIds);
    }

    private PlayBatches() {
    }

    /** The outputs of a graph with one output, batch by batch. */
    public static List<Map<String, Long>> play(SparkSession spark, List<List<String>> batches,
                                               DStreamJob.Graph graph) {
        return play(spark, batches, 1, (ssc, lines, sinkIds) -> graph.build(ssc, lines, sinkIds.get(0))).get(0);
    }

    /** For each of the graph's {@code outputs}, its output batch by batch. */
    public static List<List<Map<String, Long>>> play(SparkSession spark, List<List<String>> batches, int outputs,
                                                     Graph graph) {
        JavaStreamingContext ssc = new JavaStreamingContext(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), Durations.milliseconds(BATCH_MS));
        List<Collector> sinks = new ArrayList<>();
        List<String> sinkIds = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            Collector sink = new Collector();
            sinks.add(sink);
            sinkIds.add(CountsSinks.register(sink));
        }
        try {
            Path checkpoint = SparkForTests.tempDir("exercise-checkpoint-");
            ssc.checkpoint(checkpoint.toString()); // stateful and inverse-window operators need one
            graph.build(ssc, BatchesInputDStream.of(ssc, batches), sinkIds);
            ssc.start();
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!sinks.stream().allMatch(sink -> sink.size() >= batches.size())) {
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
            sinks.forEach(sink -> results.add(sink.first(batches.size())));
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ssc.stop(false, false); // the Spark context stays up for the next test
            sinkIds.forEach(CountsSinks::unregister);
        }
    }

    /** Keeps every batch's full output in order. */
    private static final class Collector implements CountsSink {
        private final List<Map<String, Long>> batches = new ArrayList<>();

        @Override
        public int rowsWanted() {
            return ALL;
        }

        @Override
        public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
            batches.add(WordCounts.toMap(rows));
        }

        synchronized int size() {
            return batches.size();
        }

        synchronized List<Map<String, Long>> first(int n) {
            return List.copyOf(batches.subList(0, n));
        }
    }
}
