package statelab.exercises.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaDStreamLike;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import statelab.core.BatchesInputDStream;
import statelab.core.ConsoleRun;
import statelab.core.CountsSinks;
import statelab.core.testing.CollectingSink;
import statelab.core.testing.SparkForTests;

/**
 * Plays a fixed list of batches through a DStream graph on the test class's Spark session and collects each
 * output's batches, deterministically (the input decides what a batch holds, not the clock). Unlike
 * {@link SparkForTests#playBatches}, the grading can leave the checkpoint directory to the graph under test, and
 * it can look inside a graph for the streams that keep state.
 */
public final class Playback {

    private static final long TIMEOUT_MS = 90_000;
    private static final ClassTag<String> STRING = ClassTag$.MODULE$.apply(String.class);
    private static final ClassTag<Long> LONG = ClassTag$.MODULE$.apply(Long.class);

    /** Who sets the streaming context's checkpoint directory. */
    public enum Checkpoint {
        /** The grading sets a fresh temporary one before building the graph. */
        BY_GRADING,
        /** The graph under test must call {@code ssc.checkpoint(...)} itself, or Spark refuses to start it. */
        BY_GRAPH
    }

    private Playback() {
    }

    /**
     * Plays {@code batches} through {@code graph} on a new streaming context over the session's Spark context
     * (which stays up for the next test) and returns, for each of the graph's {@code outputs}, its first
     * {@code batches.size()} batches. A batch that fails, or a context that does not start, fails with an
     * AssertionError whose cause is Spark's error.
     */
    public static List<List<Map<String, Long>>> play(SparkSession spark, List<List<String>> batches, int outputs,
                                                     Checkpoint checkpoint, SparkForTests.MultiGraph graph) {
        // Spark keeps a checkpoint directory on the SparkContext, which outlives each streaming context: forget
        // the previous test's, so that a graph that needs one and sets none meets Spark's own error.
        spark.sparkContext().checkpointDir_$eq(Option.empty());
        JavaStreamingContext ssc = new JavaStreamingContext(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                Durations.milliseconds(SparkForTests.TEST_BATCH_MS));
        List<CollectingSink> sinks = new ArrayList<>();
        List<String> sinkIds = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            CollectingSink sink = new CollectingSink();
            sinks.add(sink);
            sinkIds.add(CountsSinks.register(sink));
        }
        try {
            if (checkpoint == Checkpoint.BY_GRADING) {
                ssc.checkpoint(SparkForTests.tempDir("test-checkpoint-").toString());
            }
            graph.build(ssc, BatchesInputDStream.of(ssc, batches), sinkIds);
            try {
                ssc.start();
            } catch (RuntimeException e) {
                throw new AssertionError("the streaming job did not start: " + ConsoleRun.rootMessage(e), e);
            }
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
            for (CollectingSink sink : sinks) {
                results.add(sink.first(batches.size()));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (ssc.getState() != StreamingContextState.INITIALIZED) { // a graph that failed to build never started
                ssc.stop(false, false);
            }
            sinkIds.forEach(CountsSinks::unregister);
        }
    }

    /**
     * The streams of {@code output}'s graph (itself and everything it is computed from) that keep state from one
     * batch to the next, nearest to the output first. Spark marks them itself: they are the streams it requires
     * to be checkpointed ({@code updateStateByKey}, {@code mapWithState}, and {@code reduceByKeyAndWindow} with
     * an inverse function), because each of their batches is computed from their previous batch.
     */
    public static List<DStream<?>> statefulStreams(JavaDStreamLike<?, ?, ?> output) {
        List<DStream<?>> stateful = new ArrayList<>();
        Set<DStream<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<DStream<?>> queue = new ArrayDeque<>();
        queue.add(output.dstream());
        while (!queue.isEmpty()) {
            DStream<?> stream = queue.removeFirst();
            if (!seen.add(stream)) {
                continue;
            }
            if (stream.mustCheckpoint()) {
                stateful.add(stream);
            }
            scala.collection.Iterator<DStream<?>> parents = stream.dependencies().iterator();
            while (parents.hasNext()) {
                queue.addLast(parents.next());
            }
        }
        return stateful;
    }

    /** A stream of (word, count) pairs found inside a graph, as a Java stream that outputs can be attached to. */
    @SuppressWarnings("unchecked")
    public static JavaPairDStream<String, Long> asWordCounts(DStream<?> stream) {
        return new JavaPairDStream<>((DStream<Tuple2<String, Long>>) stream, STRING, LONG);
    }

    /** Whether Spark wrote anything into {@code dir} (its checkpoint files). */
    public static boolean holdsCheckpoint(Path dir) {
        try (var entries = java.nio.file.Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
