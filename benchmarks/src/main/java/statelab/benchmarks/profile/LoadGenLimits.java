package statelab.benchmarks.profile;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import statelab.benchmarks.jmh.DiscardingReader;
import statelab.harness.results.Json;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.loadgen.Status;

/**
 * Is the load generator ever the bottleneck? Two measurements against one reader on loopback that reads and
 * discards (the least a Spark receiver must do):
 * <ol>
 *   <li>the most it sends: a schedule no writer can keep (50 M words/s for 4 s, uniform over 1 M keys), words
 *       the socket accepted divided by the time until the last was accepted;</li>
 *   <li>how late it is at a rate a variant might see: 1 M words/s for 10 s, the p99 (and max) of each write's
 *       lag behind its schedule.</li>
 * </ol>
 * Writes {@code summary.json} with {@code maxWordsPerS}, {@code lagP99MsAt1MWordsPerS}, {@code lagMaxMsAt1MWordsPerS}.
 *
 * <p>Usage: see {@link #USAGE}.
 */
public final class LoadGenLimits {

    public static final String USAGE = "Usage: LoadGenLimits OUT_DIR   (run by the benchmark profile: mvn -Pbenchmark "
            + "verify)";

    /** What was measured. */
    public record Result(String format, long maxWordsPerS, long wordsSentAtMax, double secondsAtMax,
                         double lagP99MsAt1MWordsPerS, double lagMaxMsAt1MWordsPerS, long wordsSentAt1M) {
        public static final String FORMAT = "statelab-loadgen-limits/1";
    }

    private LoadGenLimits() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Result result = measure();
        Json.write(Path.of(args[0]).resolve("summary.json"), result);
    }

    public static Result measure() throws Exception {
        Stream max = run(5_000_000, Duration.ofSeconds(4));
        Stream paced = run(100_000, Duration.ofSeconds(10));
        return new Result(Result.FORMAT, Math.round(max.status().wordsSent() / max.seconds()),
                max.status().wordsSent(), max.seconds(), paced.status().lagP99Ms(), paced.status().lagMaxMs(),
                paced.status().wordsSent());
    }

    private record Stream(Status status, double seconds) {
    }

    /** One stream to one discarding reader; its status once it ended, and how long it took. */
    private static Stream run(double rateLinesPerSec, Duration duration) throws Exception {
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).keys(1_000_000).wordsPerLine(10)
                .rateLinesPerSec(rateLinesPerSec).seed(1).duration(duration).build();
        try (LoadGenerator generator = LoadGenerator.start(config);
             Socket socket = new Socket("127.0.0.1", generator.port())) {
            DiscardingReader.start(socket.getInputStream(), "loadgen-limits-reader");
            generator.awaitClients(1, Duration.ofSeconds(10));
            long startNanos = System.nanoTime();
            if (!generator.awaitStreamsDone(duration.multipliedBy(10))) {
                throw new IllegalStateException("the load generator's stream did not end");
            }
            return new Stream(generator.status(), (System.nanoTime() - startNanos) / 1e9);
        }
    }
}
