package statelab.harness.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import statelab.core.BatchListener;
import statelab.core.BatchMetrics;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Variant;
import statelab.core.WordCounts;

/**
 * The variant's JVM in a recovery measurement ({@link Recovery}), which kills it with SIGKILL and starts it
 * again on its checkpoint. Appends every completed batch to a live CSV file as it completes (so the measurement
 * sees the restart's first batch), brings no rows to the driver until told, and takes its orders on standard
 * input, one per line: {@code arm} (from now on collect every row: the latest total of every word),
 * {@code finish} (wait until input has stopped, write the totals to the counts file, stop). The end of standard
 * input (the measurement died) stops it too.
 */
public final class RecoveryChild {

    /** The columns of the live batches file. */
    public static final String CSV_HEADER = "completedAtMs,batchTimeMs,inputLines,schedulingDelayMs,processingMs,"
            + "totalDelayMs,stateKeys,stateBytes";

    /**
     * What one of the variant's JVMs runs: {@code shape}'s variant against the load generator at {@code port},
     * checkpointing into {@code checkpoint} ({@code fresh} the first time), on {@code master}.
     */
    public record Plan(RunShape shape, String master, int port, Path checkpoint, boolean fresh, Path batchesOut,
                       Path countsOut) {
    }

    private RecoveryChild() {
    }

    /** Runs until told to finish; true when the counts were written and the job did not fail. */
    public static boolean run(Variant variant, RunSpec.Builder spec, long batchMs, Path batchesOut, Path countsOut,
                              InputStream ordersIn) throws Exception {
        VerifyingSink sink = new VerifyingSink();
        LiveBatches batches = new LiveBatches(batchesOut);
        spec.listener(batches);
        RunningJob job = variant.start(spec.build(), sink);
        try (BufferedReader orders = new BufferedReader(new InputStreamReader(ordersIn, StandardCharsets.UTF_8))) {
            String order;
            while ((order = orders.readLine()) != null) {
                if (order.equals("arm")) {
                    sink.armFrom(System.currentTimeMillis());
                } else if (order.equals("finish")) {
                    batches.awaitInputStopped(Math.max(3 * batchMs, 3_000), 600_000);
                    WordCounts.writeCountsFile(countsOut, sink.totals());
                    job.stop(false);
                    return job.failure() == null;
                }
            }
        }
        job.stop(false);
        return false; // the measurement went away before it asked for the counts
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
