package statelab.solutions.lab7;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import scala.Tuple2;
import statelab.exercises.lab7.ArbitraryStateExercise;

/** Reference solution of lab 7. */
public final class ArbitraryStateSolution {

    private ArbitraryStateSolution() {
    }

    public static Dataset<Tuple2<String, Long>> trackWords(
            Dataset<Row> words, FlatMapGroupsWithStateFunction<String, Row, Long, Tuple2<String, Long>> updateTotal) {
        return words
                // The bound on lateness is what lets event time decide that a word is idle: without a watermark,
                // Spark refuses an event-time timeout.
                .withWatermark("eventTime", ArbitraryStateExercise.WATERMARK_DELAY)
                .groupByKey((MapFunction<Row, String>) row -> row.getAs("word"), Encoders.STRING())
                .flatMapGroupsWithState(updateTotal, OutputMode.Update(), Encoders.LONG(),
                        Encoders.tuple(Encoders.STRING(), Encoders.LONG()), GroupStateTimeout.EventTimeTimeout());
    }

    public static Iterator<Tuple2<String, Long>> updateTotal(String word, Iterator<Row> rows, GroupState<Long> total) {
        if (total.hasTimedOut()) {
            // The last call for this word: emit what it had, then forget it (Spark would otherwise keep it).
            long last = total.get();
            total.remove();
            return List.of(new Tuple2<>(word, last)).iterator();
        }
        long sum = total.exists() ? total.get() : 0L;
        long latest = Long.MIN_VALUE;
        while (rows.hasNext()) {
            Row row = rows.next();
            sum++;
            latest = Math.max(latest, row.<Timestamp>getAs("eventTime").getTime());
        }
        total.update(sum);
        // Each occurrence pushes the timeout later; Spark fires it once the watermark has passed it.
        total.setTimeoutTimestamp(latest + ArbitraryStateExercise.IDLE_TIMEOUT_MS);
        return List.of(new Tuple2<>(word, sum)).iterator();
    }
}
