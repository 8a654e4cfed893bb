package statelab.solutions.lab4;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import statelab.core.Tokenizer;

/** Reference solution of lab 4. */
public final class WindowedCountsSolution {

    private WindowedCountsSolution() {
    }

    public static Dataset<Row> windowedCounts(Dataset<String> lines) {
        return lines
                .flatMap((FlatMapFunction<String, Tuple2<Timestamp, String>>) WindowedCountsSolution::timedWords,
                        Encoders.tuple(Encoders.TIMESTAMP(), Encoders.STRING()))
                .toDF("eventTime", "word")
                // Spark may drop rows more than 5 s older than the latest event time, and forget closed windows.
                .withWatermark("eventTime", "5 seconds")
                .groupBy(window(col("eventTime"), "10 seconds"), col("word"))
                .count();
    }

    /**
     * {@code "1700000001000 apple banana"} to (2023-11-14 22:13:21 UTC, apple), (2023-11-14 22:13:21 UTC, banana):
     * 1 s after the grading's T0 = 1700000000000 ms (22:13:20 UTC), in the window [T0, T0 + 10 s).
     */
    static java.util.Iterator<Tuple2<Timestamp, String>> timedWords(String line) {
        List<String> tokens = Tokenizer.wordList(line);
        List<Tuple2<Timestamp, String>> words = new ArrayList<>();
        if (!tokens.isEmpty()) {
            Timestamp eventTime = new Timestamp(Long.parseLong(tokens.get(0)));
            for (String word : tokens.subList(1, tokens.size())) {
                words.add(new Tuple2<>(eventTime, word));
            }
        }
        return words.iterator();
    }
}
