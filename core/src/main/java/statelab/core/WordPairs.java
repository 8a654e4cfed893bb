package statelab.core;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The first step every DStream variant shares: lines to (word, count in this batch). {@code reduceByKey}
 * combines on the map side and partitions by the default hash partitioner, the same partitioner
 * {@code updateStateByKey} and {@code mapWithState} use, so the state step adds no second shuffle.
 */
public final class WordPairs {

    private WordPairs() {
    }

    public static JavaPairDStream<String, Long> batchCounts(JavaDStream<String> lines) {
        return lines.flatMap(Tokenizer::words)
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum);
    }
}
