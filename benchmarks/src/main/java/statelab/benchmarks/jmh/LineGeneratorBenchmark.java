package statelab.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import statelab.loadgen.LineGenerator;
import statelab.loadgen.LoadGenConfig;

/**
 * How fast does the load generator make its lines (uniform random keys over 1 M keys, 10 words per line),
 * without a socket? This is the ceiling of what it can send; it must sit far above any rate a variant
 * sustains so the generator is never the bottleneck. Reported as lines/s (x10 for words/s).
 *
 * <p>Run just this one: {@code java -jar benchmarks/target/benchmarks.jar LineGeneratorBenchmark} (JMH's options after
 * it,
 * for example {@code -prof gc -f 2}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class LineGeneratorBenchmark extends JmhSettings {

    private static final int LINES = 4096;

    private LineGenerator generator;
    private byte[] buffer;
    private long next;

    @Setup
    public void createGenerator() {
        generator = new LineGenerator(LoadGenConfig.builder().keys(1_000_000).wordsPerLine(10).rateLinesPerSec(1000)
                .seed(1).build());
        buffer = new byte[LINES * generator.maxLineBytes()];
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int generateLines() {
        int offset = 0;
        for (int i = 0; i < LINES; i++) {
            offset = generator.writeLine(next++, buffer, offset);
        }
        return offset;
    }
}
