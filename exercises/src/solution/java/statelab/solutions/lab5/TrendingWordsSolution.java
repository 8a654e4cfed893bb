package statelab.solutions.lab5;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;
import statelab.exercises.lab5.TrendingWordsExercise;

/** Reference solution of lab 5. */
public final class TrendingWordsSolution {

    private TrendingWordsSolution() {
    }

    public static JavaPairDStream<String, Long> trending(JavaPairDStream<String, Long> batchCounts,
                                                         Duration batchInterval, int k) {
        JavaPairDStream<String, Long> windowCounts = batchCounts.reduceByKeyAndWindow(
                Long::sum,                 // add the batch entering the window
                (total, leaving) -> total - leaving, // subtract the batch leaving it: no re-count of the window
                batchInterval.times(TrendingWordsExercise.WINDOW_BATCHES),
                batchInterval,
                batchCounts.context().sparkContext().defaultParallelism(),
                // The inverse leaves (word, 0) behind for a word that left the window; drop it from the state.
                wordCount -> wordCount._2() > 0);
        return windowCounts.transformToPair(rdd -> {
            // takeOrdered brings only k rows to the driver, however many words the window holds.
            List<Tuple2<String, Long>> top = rdd.takeOrdered(k, new ByCountThenWord());
            return JavaSparkContext.fromSparkContext(rdd.context()).parallelizePairs(top);
        });
    }

    /** Highest count first, then by word; serializable because Spark ships it to the executors. */
    public static final class ByCountThenWord implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            int byCount = Long.compare(b._2(), a._2());
            return byCount != 0 ? byCount : a._1().compareTo(b._1());
        }
    }
}
