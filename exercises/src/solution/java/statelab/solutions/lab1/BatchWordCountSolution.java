package statelab.solutions.lab1;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;
import statelab.core.Tokenizer;

/** Reference solution of lab 1: the chapter's {@code streaming_word_count.py} in Java. */
public final class BatchWordCountSolution {

    private BatchWordCountSolution() {
    }

    public static JavaPairDStream<String, Long> countWords(JavaDStream<String> lines) {
        return lines
                // Tokenizer splits on every Unicode space (U+3000 too) and never yields empty words,
                // which line.split(" ") would for runs of spaces and empty lines.
                .flatMap(Tokenizer::words)
                .mapToPair(word -> new Tuple2<>(word, 1L))
                // Only this batch's RDD is reduced: nothing is remembered between batches.
                .reduceByKey(Long::sum);
    }
}
