package statelab.solutions.lab3;

import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/** Reference solution of lab 3. */
public final class IdleTimeoutSolution {

    private IdleTimeoutSolution() {
    }

    public static JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> trackWords(
            JavaPairDStream<String, Long> batchCounts, Duration idleTimeout) {
        return batchCounts.mapWithState(StateSpec.function(IdleTimeoutSolution::onWord).timeout(idleTimeout));
    }

    public static Tuple2<String, Long> onWord(String word, Optional<Long> batchCount, State<Long> total) {
        long sum = total.exists() ? total.get() : 0L;
        if (total.isTimingOut()) {
            // Spark removes the word after this call; updating a timing-out state would throw.
            return new Tuple2<>(word, sum);
        }
        sum += batchCount.orElse(0L);
        total.update(sum); // also restarts the word's idle clock
        return new Tuple2<>(word, sum);
    }
}
