package statelab.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import statelab.core.BatchListener;
import statelab.core.BatchMetrics;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.core.WordCounts;

/**
 * {@code lab recovery-child VARIANT ...}: the variant's JVM in a recovery measurement ({@link Recovery}), which
 * kills it with SIGKILL and starts it again on its checkpoint. Appends every completed batch to
 * {@code --batches-out} as it completes (so the parent sees the restart's first batch), brings no rows to the
 * driver until told, and takes its orders on standard input, one per line:
 * {@code arm} (from now on collect every row: the latest total of every word), {@code finish} (wait until input
 * has stopped, write the totals to {@code --counts-out}, stop). The end of standard input (the parent died)
 * stops it too. Not meant to be run by hand.
 */
@Command(name = "recovery-child", hidden = true, description = "The variant's JVM in ./lab recovery.")
final class RecoveryChildCommand implements Callable<Integer> {

    /** The columns of the live batches file. */
    static final String CSV_HEADER = "completedAtMs,batchTimeMs,inputLines,schedulingDelayMs,processingMs,"
            + "totalDelayMs,stateKeys,stateBytes";

    @Parameters(index = "0", paramLabel = "VARIANT")
    String variantName;

    @Option(names = "--port", required = true)
    int port;

    @Mixin
    SparkRunOptions spark;

    @Option(names = "--batches-out", required = true)
    Path batchesOut;

    @Option(names = "--counts-out", required = true)
    Path countsOut;

    @Override
    public Integer call() throws Exception {
        Variant variant = Variants.byName(variantName);
        RunSpec.Builder builder = spark.toSpec(variant, port);
        VerifyingSink sink = new VerifyingSink();
        LiveBatches batches = new LiveBatches(batchesOut);
        builder.listener(batches);
        RunningJob job = variant.start(builder.build(), sink);
        try (BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String order;
            while ((order = orders.readLine()) != null) {
                if (order.equals("arm")) {
                    sink.armFrom(System.currentTimeMillis());
                } else if (order.equals("finish")) {
                    batches.awaitInputStopped(Math.max(3 * spark.batchMs, 3_000), 600_000);
                    WordCounts.writeCountsFile(countsOut, sink.totals());
                    job.stop(false);
                    return job.failure() == null ? 0 : Lab.EXIT_FAILED;
                }
            }
        }
        job.stop(false);
        return Lab.EXIT_FAILED; // the parent went away before it asked for the counts
    }

    /** Appends each batch to the CSV file as it completes and remembers when input last arrived. */
    private static final class LiveBatches implements BatchListener {
        private final PrintWriter out;
        private long lastInputMs = -1;
        private long lastBatchMs = -1;

        LiveBatches(Path file) throws IOException {
            out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            out.println(CSV_HEADER);
            out.flush();
        }

        @Override
        public synchronized void onBatch(BatchMetrics b) {
            long now = System.currentTimeMillis();
            out.println(now + "," + b.batchTimeMs() + "," + b.inputLines() + "," + b.schedulingDelayMs() + ","
                    + b.processingMs() + "," + b.totalDelayMs() + "," + b.stateKeys() + "," + b.stateBytes());
            out.flush();
            lastBatchMs = now;
            if (b.inputLines() > 0) {
                lastInputMs = now;
            }
            notifyAll();
        }

        /** Waits until a batch has completed and no batch with input has for {@code quietMs} (bounded). */
        synchronized void awaitInputStopped(long quietMs, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline
                    && (lastBatchMs < 0 || System.currentTimeMillis() - Math.max(lastInputMs, 0) < quietMs)) {
                wait(200);
            }
        }
    }
}
