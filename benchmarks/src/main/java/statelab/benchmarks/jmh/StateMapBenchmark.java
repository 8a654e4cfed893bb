package statelab.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.util.StateMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import scala.Option;
import scala.reflect.ClassTag$;
import statelab.loadgen.LineGenerator;

/**
 * How does one state update (look a word up, store its new total) cost grow with the number of keys in state,
 * 10 k to 10 M? Measured on Spark's own state map for mapWithState ({@code OpenHashMapBasedStateMap}), the way
 * a batch uses it: a delta map on top of the previous batch's full map, keys drawn uniformly at random (so at
 * large sizes most lookups miss the CPU caches). A mapWithState batch costs about this times the words in it;
 * updateStateByKey pays a comparable per-key cost for every key in state, every batch.
 *
 * <p>Run just this one: {@code java -jar benchmarks/target/benchmarks.jar StateMapBenchmark} (JMH's options after it,
 * for example {@code -prof gc -f 2}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@State(Scope.Thread)
public class StateMapBenchmark extends JmhSettings {

    @Param({"10000", "100000", "1000000", "10000000"})
    public int keys;

    private String[] words;
    private StateMap<String, Long> batchMap;
    private long random = 1;
    private long time;

    @Setup(Level.Trial)
    public void fill() {
        words = new String[keys];
        StateMap<String, Long> full = StateMap.create(new SparkConf(false), ClassTag$.MODULE$.apply(String.class),
                ClassTag$.MODULE$.apply(Long.class));
        for (int k = 0; k < keys; k++) {
            words[k] = LineGenerator.keyWord(k);
            full.put(words[k], 1L, 0);
        }
        batchMap = full.copy(); // what a batch works on: a delta over the previous state
    }

    @Benchmark
    public Long lookUpAndUpdate() {
        random ^= random << 13; // xorshift: a uniform key without a library call in the measurement
        random ^= random >>> 7;
        random ^= random << 17;
        String word = words[(int) Long.remainderUnsigned(random, keys)];
        Option<Long> total = batchMap.get(word);
        long updated = (total.isDefined() ? total.get() : 0L) + 1;
        batchMap.put(word, updated, ++time);
        return updated;
    }
}
