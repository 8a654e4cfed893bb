package statelab.core;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A DStream that plays a fixed list of batches of lines, one batch per interval, then empty batches: a
 * deterministic input for tests, notebooks and exercises. Unlike {@code queueStream} it can be checkpointed,
 * which {@code updateStateByKey} and {@code mapWithState} require.
 */
public final class BatchesInputDStream extends InputDStream<String> {

    private static final long serialVersionUID = 1L;
    private static final ClassTag<String> STRING = ClassTag$.MODULE$.apply(String.class);

    private final ArrayList<List<String>> batches;
    private int next;

    private BatchesInputDStream(JavaStreamingContext ssc, List<List<String>> batches) {
        super(ssc.ssc(), STRING);
        this.batches = new ArrayList<>();
        batches.forEach(batch -> this.batches.add(new ArrayList<>(batch)));
    }

    /** A stream whose n-th batch holds the lines {@code batches.get(n)}. */
    public static JavaDStream<String> of(JavaStreamingContext ssc, List<List<String>> batches) {
        return new JavaDStream<>(new BatchesInputDStream(ssc, batches), STRING);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public Option<RDD<String>> compute(Time validTime) {
        List<String> lines = next < batches.size() ? batches.get(next) : List.of();
        next++;
        return Option.apply(context().sparkContext().parallelize(
                JavaConverters.asScalaBuffer(lines).toSeq(), 1, STRING));
    }
}
