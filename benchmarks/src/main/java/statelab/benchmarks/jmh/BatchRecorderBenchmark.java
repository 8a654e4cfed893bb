package statelab.benchmarks.jmh;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import statelab.core.BatchMetrics;
import statelab.harness.measure.BatchRecorder;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * What does the harness add to every batch by recording it? {@link BatchRecorder#onBatch} runs on Spark's
 * listener thread once per batch; for a DStream variant it also asks the running load generator (one client
 * connected, as in a measured run) for the distinct keys sent. Must be negligible next to a batch of 1 s:
 * reported in microseconds per batch.
 *
 * <p>Run just this one: {@code java -jar benchmarks/target/benchmarks.jar BatchRecorderBenchmark} (JMH's options after
 * it,
 * for example {@code -prof gc -f 2}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class BatchRecorderBenchmark extends JmhSettings {

    private static final int BATCHES = 1000;

    private LoadGenerator generator;
    private Socket client;
    private final BatchMetrics dstreamBatch = new BatchMetrics(1_700_000_000_000L, 10_000, -1, 3, 250, 253, -1, -1,
            false);

    @Setup
    public void startGenerator() throws Exception {
        generator = LoadGenerator.start(LoadGenConfig.builder().port(0).controlPort(0).keys(10_000).wordsPerLine(10)
                .rateLinesPerSec(1000).seed(1).build());
        client = new Socket("127.0.0.1", generator.port());
        DiscardingReader.start(client.getInputStream(), "batch-recorder-benchmark-reader");
        generator.awaitClients(1, Duration.ofSeconds(10));
    }

    @TearDown
    public void stopGenerator() throws IOException {
        client.close();
        generator.close();
    }

    /** A fresh recorder per {@value #BATCHES} batches, so its list stays as small as a run's. */
    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public int recordBatches() {
        BatchRecorder recorder = BatchRecorder.of(10, generator);
        for (int i = 0; i < BATCHES; i++) {
            recorder.onBatch(dstreamBatch);
        }
        return recorder.size();
    }
}
