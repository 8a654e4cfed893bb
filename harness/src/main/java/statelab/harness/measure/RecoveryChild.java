package statelab.harness.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import statelab.core.LiveBatchesFile;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Variant;
import statelab.core.WordCounts;

/**
 * The variant's JVM in a recovery measurement ({@link Recovery}), which kills it with SIGKILL and starts it
 * again on its checkpoint (or kills an executor or worker under it). Appends every completed batch to a live CSV
 * file as it completes ({@link LiveBatchesFile}: the measurement sees the restart's first batch), brings no rows
 * to the driver until told, and takes its orders on standard input, one per line: {@code arm} (from now on
 * collect every row: the latest total of every word), {@code finish} or {@code finish LINES} (on the replay source:
 * wait until a batch through the stream's last line has completed; then until input has stopped; write the totals
 * to the counts file, stop). The end of standard input (the measurement died) stops it too.
 */
public final class RecoveryChild {

    /**
     * What one of the variant's JVMs runs: {@code shape}'s variant against the load generator at {@code port},
     * checkpointing into {@code checkpoint} ({@code fresh} the first time) every {@code checkpointEveryBatches}
     * batches, on {@code master}, its batches appended to {@code batchesOut} ({@link LiveBatchesFile}).
     */
    public record Plan(RunShape shape, String master, int port, Path checkpoint, boolean fresh,
                       int checkpointEveryBatches, Path batchesOut, Path countsOut) {
    }

    private RecoveryChild() {
    }

    /** Runs until told to finish; true when the counts were written and the job did not fail. */
    public static boolean run(Variant variant, RunSpec.Builder spec, long batchMs, Path batchesOut, Path countsOut,
                              InputStream ordersIn) throws Exception {
        VerifyingSink sink = new VerifyingSink();
        try (LiveBatchesFile batches = new LiveBatchesFile(batchesOut)) {
            spec.listener(batches);
            RunningJob job = variant.start(spec.build(), sink);
            try (BufferedReader orders = new BufferedReader(new InputStreamReader(ordersIn,
                    StandardCharsets.UTF_8))) {
                String order;
                while ((order = orders.readLine()) != null) {
                    if (order.equals("arm")) {
                        sink.armFrom(System.currentTimeMillis());
                    } else if (order.startsWith("finish")) {
                        String lines = order.substring("finish".length()).trim();
                        if (!lines.isEmpty()) {
                            batches.awaitLinesThrough(Long.parseLong(lines), 600_000);
                        }
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
    }
}
