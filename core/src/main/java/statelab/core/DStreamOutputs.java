package statelab.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/** Hands each batch's (word, count) RDD to the {@link CountsSink} registered under an id. */
public final class DStreamOutputs {

    private static final WordCounts.ByWord BY_WORD = new WordCounts.ByWord();

    private DStreamOutputs() {
    }

    /** The output operation of a DStream pipeline; the closure holds only the sink's id (see {@link CountsSinks}). */
    public static void deliver(JavaPairDStream<String, Long> counts, String sinkId) {
        counts.foreachRDD((rdd, time) -> deliver(rdd, time.milliseconds(), sinkId));
    }

    /**
     * For a variant whose cheap per-batch output (the keys it updated) differs from its full totals: the
     * updates are materialised when the sink wants no rows, the totals are delivered when it wants some.
     * Measuring the totals every batch would cost O(state), the very cost such a variant avoids.
     */
    public static void deliver(JavaDStream<?> updates, JavaPairDStream<String, Long> totals, String sinkId) {
        updates.foreachRDD((rdd, time) -> {
            CountsSink sink = CountsSinks.get(sinkId);
            if (sink.rowsWanted(time.milliseconds()) == CountsSink.NONE) {
                rdd.foreachPartition(DStreamOutputs::drain);
                sink.accept(time.milliseconds(), List.of(), false);
            }
        });
        totals.foreachRDD((rdd, time) -> {
            if (CountsSinks.get(sinkId).rowsWanted(time.milliseconds()) != CountsSink.NONE) {
                deliver(rdd, time.milliseconds(), sinkId);
            }
        });
    }

    /** Delivers one batch's counts: materialised in full, and as many rows as the sink wants on the driver. */
    public static void deliver(JavaPairRDD<String, Long> counts, long batchTimeMs, String sinkId) {
        CountsSink sink = CountsSinks.get(sinkId);
        int wanted = sink.rowsWanted(batchTimeMs);
        if (wanted == CountsSink.NONE) {
            counts.foreachPartition(DStreamOutputs::drain);
            sink.accept(batchTimeMs, List.of(), false);
        } else if (wanted == CountsSink.ALL) {
            List<Tuple2<String, Long>> rows = new ArrayList<>(counts.collect());
            rows.sort(BY_WORD);
            sink.accept(batchTimeMs, rows, false);
        } else {
            List<Tuple2<String, Long>> rows = new ArrayList<>(counts.takeOrdered(wanted + 1, BY_WORD));
            boolean more = rows.size() > wanted;
            sink.accept(batchTimeMs, more ? rows.subList(0, wanted) : rows, more);
        }
    }

    /** The no-op sink: compute every row, keep none. */
    private static void drain(Iterator<?> rows) {
        while (rows.hasNext()) {
            rows.next();
        }
    }
}
