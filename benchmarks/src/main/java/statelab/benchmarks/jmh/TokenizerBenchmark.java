package statelab.benchmarks.jmh;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import statelab.core.Tokenizer;
import statelab.loadgen.LineGenerator;
import statelab.loadgen.LoadGenConfig;

/**
 * How many words per second can the lab's one tokenizer split, on the load generator's own lines? Every variant
 * runs it once per input line, so it bounds every variant's throughput per core. Reported as lines/s; a line
 * holds {@value #WORDS_PER_LINE} words. {@code splitOnSpace} is the reference: {@code String.split(" ")}, what a
 * plain Spark example (and the bare baseline job) uses, which knows only the ASCII space.
 *
 * <p>Run just this one: {@code java -jar benchmarks/target/benchmarks.jar TokenizerBenchmark} (JMH's options after it,
 * for example {@code -prof gc -f 2}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class TokenizerBenchmark extends JmhSettings {

    static final int WORDS_PER_LINE = 10;
    private static final int LINES = 1024;

    private String[] lines;

    @Setup
    public void generateLines() {
        LineGenerator generator = new LineGenerator(LoadGenConfig.builder().keys(1_000_000).wordsPerLine(WORDS_PER_LINE)
                .rateLinesPerSec(1000).seed(1).build());
        lines = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            lines[i] = generator.line(i);
        }
    }

    /** The lab's tokenizer as the variants call it: an iterator of words, each consumed. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void tokenizeLines(Blackhole sink) {
        for (String line : lines) {
            Iterator<String> words = Tokenizer.words(line);
            while (words.hasNext()) {
                sink.consume(words.next());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void splitOnSpace(Blackhole sink) {
        for (String line : lines) {
            for (String word : line.split(" ")) {
                sink.consume(word);
            }
        }
    }
}
