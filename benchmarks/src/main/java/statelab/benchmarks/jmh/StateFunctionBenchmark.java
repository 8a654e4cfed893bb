package statelab.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.StateImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import scala.Option;
import scala.Tuple2;
import statelab.mapwithstate.MapWithStateWordCount;
import statelab.updatestate.UpdateStateWordCount;

/**
 * What does the user function itself cost per record: updateStateByKey's update function
 * ({@link UpdateStateWordCount#updateTotal}) for a key with new data and for a key without (updateStateByKey
 * calls it for every key in state, every batch), against mapWithState's mapping function
 * ({@link MapWithStateWordCount#addToTotal}, called only for keys with new data)? Both are the variants' own
 * functions. Both cost nanoseconds: the difference between the two APIs at scale is how many keys each batch
 * touches and rewrites, not the function.
 *
 * <p>Run just this one: {@code java -jar benchmarks/target/benchmarks.jar StateFunctionBenchmark} (JMH's options after
 * it,
 * for example {@code -prof gc -f 2}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class StateFunctionBenchmark extends JmhSettings {

    private final List<Long> oneNewCount = List.of(3L);
    private final List<Long> noNewCount = List.of();
    private final StateImpl<Long> state = new StateImpl<>();
    private Optional<Long> total;
    private long running;

    @Setup
    public void prepare() {
        total = Optional.of(41L);
        running = 41L;
    }

    @Benchmark
    public Optional<Long> updateStateByKeyKeyWithNewData() {
        return UpdateStateWordCount.updateTotal(oneNewCount, total);
    }

    @Benchmark
    public Optional<Long> updateStateByKeyKeyWithoutNewData() {
        return UpdateStateWordCount.updateTotal(noNewCount, total);
    }

    @Benchmark
    public Tuple2<String, Long> mapWithStateKeyWithNewData() {
        // mapWithState wraps the stored state in a reused StateImpl before each call, as MapWithStateRDD does.
        state.wrap(Option.apply(running));
        Tuple2<String, Long> out = MapWithStateWordCount.addToTotal("w1a2b", Optional.of(3L), state);
        running = state.get() - 3;
        return out;
    }
}
