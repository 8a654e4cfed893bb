package statelab.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import statelab.loadgen.ReplayClient;

/**
 * A direct (receiver-less) DStream on the load generator's replay protocol, as Spark's Kafka direct stream is
 * on Kafka's offsets: the batch of time T is the range of line numbers due by T on the load generator's schedule,
 * from where the batch before it ended; the range is split into {@code partitions} parts and each part is
 * fetched on an executor when the batch runs. No receiver (no core held for good), no write-ahead log.
 *
 * <p>Exactly once: every batch's range is recorded in this stream, which Spark serializes with the DStream graph
 * into each metadata checkpoint. A context restarted on its checkpoint ({@code StreamingContext.getOrCreate})
 * computes again the batches it had not finished, and for stateful streams the batches since the last state
 * checkpoint: those are answered from the recorded ranges, so they hold exactly the lines they held before the
 * crash; batches after them start where the recorded ones ended. Ranges of batches Spark will not ask for again
 * (older than any RDD it still remembers) are forgotten, so the checkpoint stays small. The stream also records
 * which replay stream it read: a restarted load generator (another stream) is refused, never read from line 0.
 *
 * <pre>
 * JavaDStream&lt;String&gt; lines = ReplayInputDStream.create(ssc, "127.0.0.1", 9999, 2);
 * </pre>
 */
public final class ReplayInputDStream extends InputDStream<String> {

    private static final long serialVersionUID = 1L;
    private static final ClassTag<String> STRING = ClassTag$.MODULE$.apply(String.class);
    /** Keys of a batch's input metadata (the Streaming tab shows its description). */
    public static final String FROM_LINE = "fromLine";
    public static final String TO_LINE = "toLine";

    private final String host;
    private final int port;
    private final int partitions;
    private final ReplayRanges ranges = new ReplayRanges();
    /** The replay stream the recorded ranges belong to: set at the first connection, checked at every later one. */
    private String streamId;
    private transient ReplayClient client;
    /** The ranges computed in this JVM, newest last, for the metrics of batches Spark reports without them. */
    private transient java.util.LinkedHashMap<Long, ReplayRanges.Range> computed;

    private ReplayInputDStream(JavaStreamingContext ssc, String host, int port, int partitions) {
        super(ssc.ssc(), STRING);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.host = host;
        this.port = port;
        this.partitions = partitions;
    }

    /** A stream of the lines the load generator at {@code host:port} serves, each batch in {@code partitions}. */
    public static JavaDStream<String> create(JavaStreamingContext ssc, String host, int port, int partitions) {
        return new JavaDStream<>(new ReplayInputDStream(ssc, host, port, partitions), STRING);
    }

    @Override
    public void start() {
        // Nothing: the driver connects when it first needs to know what is due (a restarted context never calls
        // start() on a recovered input stream).
    }

    @Override
    public synchronized void stop() {
        closeClient();
    }

    @Override
    public synchronized Option<RDD<String>> compute(Time validTime) {
        long timeMs = validTime.milliseconds();
        ReplayRanges.Range range = ranges.rangeOf(timeMs, () -> linesDueBy(timeMs));
        forgetWhatSparkForgot();
        remember(timeMs, range);
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put(FROM_LINE, range.from());
        metadata.put(TO_LINE, range.to());
        metadata.put(StreamInputInfo.METADATA_KEY_DESCRIPTION(), "lines " + range.from() + ".." + range.to()
                + " of replay stream " + streamId + " at " + host + ":" + port);
        @SuppressWarnings({"unchecked", "rawtypes"})
        scala.collection.immutable.Map<String, Object> scalaMetadata = (scala.collection.immutable.Map)
                JavaConverters.mapAsScalaMap(metadata).toMap(scala.Predef.$conforms());
        context().scheduler().inputInfoTracker().reportInfo(validTime,
                new StreamInputInfo(id(), range.lines(), scalaMetadata));
        return Option.apply(rdd(range));
    }

    /** The batch's lines as an RDD: one partition per part of the range, each fetched where it runs. */
    private RDD<String> rdd(ReplayRanges.Range range) {
        List<Part> parts = new ArrayList<>();
        int n = (int) Math.max(1, Math.min(partitions, range.lines()));
        for (int i = 0; i < n; i++) {
            long from = range.from() + range.lines() * i / n;
            long to = range.from() + range.lines() * (i + 1) / n;
            if (to > from) {
                parts.add(new Part(host, port, from, to));
            }
        }
        return JavaSparkContext.fromSparkContext(context().sparkContext())
                .parallelize(parts, Math.max(1, parts.size()))
                .mapPartitions(ReplayInputDStream::fetch).rdd();
    }

    /** Ranges older than any RDD Spark still remembers (it will not compute those times again). */
    private void forgetWhatSparkForgot() {
        long oldest = Long.MAX_VALUE;
        for (Time time : JavaConverters.asJavaIterable(generatedRDDs().keys())) {
            oldest = Math.min(oldest, time.milliseconds());
        }
        if (oldest != Long.MAX_VALUE) {
            ranges.forgetBefore(oldest);
        }
    }

    /** How many lines were due by {@code timeMs}; connects (and checks the stream) first when needed. */
    private long linesDueBy(long timeMs) {
        try {
            return connected().dueBy(timeMs).lines();
        } catch (IOException first) {
            // One new connection (the old one may have timed out while the driver was busy), then give up.
            closeClient();
            try {
                return connected().dueBy(timeMs).lines();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private ReplayClient connected() throws IOException {
        if (client == null) {
            ReplayClient fresh = ReplayClient.connect(host, port, ReplaySource.TIMEOUT_MS);
            String served = fresh.streamId();
            if (streamId == null) {
                streamId = served;
            } else if (!streamId.equals(served)) {
                fresh.close();
                throw new LabException(ReplaySource.otherStreamMessage(streamId, served));
            }
            client = fresh;
        }
        return client;
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
            client = null;
        }
    }

    private void remember(long timeMs, ReplayRanges.Range range) {
        if (computed == null) {
            computed = new java.util.LinkedHashMap<>();
        }
        computed.put(timeMs, range);
        while (computed.size() > 10_000) {
            computed.remove(computed.keySet().iterator().next());
        }
    }

    /**
     * The line range of the batch of {@code timeMs} as computed in this JVM, as {@code {from, to}}; null when it was
     * not. A context restarted on its checkpoint reports the batches it runs again without their input (Spark
     * resubmits them without it), so the lab's metrics take the range from here.
     */
    public synchronized long[] computedRange(long timeMs) {
        ReplayRanges.Range range = computed == null ? null : computed.get(timeMs);
        return range == null ? null : new long[] {range.from(), range.to()};
    }

    /** The replay input of a context's graph, or null when it reads another source. */
    public static ReplayInputDStream of(JavaStreamingContext ssc) {
        for (InputDStream<?> input : ssc.ssc().graph().getInputStreams()) {
            if (input instanceof ReplayInputDStream replay) {
                return replay;
            }
        }
        return null;
    }

    /** The recorded ranges by batch time (for tests and diagnostics). */
    Map<Long, ReplayRanges.Range> recordedRanges() {
        return ranges.all();
    }

    /**
     * One part of a batch: lines {@code from} (inclusive) to {@code to} (exclusive) of the stream at host:port. A
     * class, not a record: Spark ships it inside its task with Kryo, which cannot build records.
     */
    static final class Part implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String host;
        private final int port;
        private final long from;
        private final long to;

        Part(String host, int port, long from, long to) {
            this.host = host;
            this.port = port;
            this.from = from;
            this.to = to;
        }

        String host() {
            return host;
        }

        int port() {
            return port;
        }

        long from() {
            return from;
        }

        long to() {
            return to;
        }
    }

    /** Runs on the executor: fetches the part's lines, one String each, closing the connection at the end. */
    private static Iterator<String> fetch(Iterator<Part> parts) throws IOException {
        if (!parts.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        Part part = parts.next();
        ReplayClient client = ReplayClient.connect(part.host(), part.port(), ReplaySource.TIMEOUT_MS);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> close(client));
        }
        ReplayClient.Lines lines = client.fetch(part.from(), part.to());
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = lines.next();
                    } catch (IOException e) {
                        close(client);
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                    if (!ahead) {
                        close(client);
                    }
                }
                return ahead;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                return new String(lines.buffer(), lines.start(), lines.length(), StandardCharsets.UTF_8);
            }
        };
    }

    private static void close(ReplayClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
