package statelab.core;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs one variant in the foreground and prints its batches: what each variant's {@code main} and
 * {@code ./lab run} do. Ends after {@code durationMs} (0 = until interrupted), or once input has stopped for
 * {@code idleStopMs} after the first batch with input (0 = never); the final counts (of a variant that keeps running
 * totals, each word's latest total) are written to {@code countsOut} at the end, also on SIGTERM.
 */
public final class ConsoleRun {

    private ConsoleRun() {
    }

    /** Runs and returns the process exit code: 0, or 1 when the job failed. */
    public static int run(Variant variant, RunSpec spec, long durationMs, long idleStopMs, int printLimit,
                          Path countsOut, PrintStream out, PrintStream err) throws InterruptedException {
        return run(variant, spec, durationMs, idleStopMs, printLimit, countsOut, null, out, err);
    }

    /**
     * As above; with {@code batchesOut} every batch is also appended to that file as it completes
     * ({@link LiveBatchesFile}).
     */
    public static int run(Variant variant, RunSpec spec, long durationMs, long idleStopMs, int printLimit,
                          Path countsOut, Path batchesOut, PrintStream out, PrintStream err)
            throws InterruptedException {
        // A word's latest output is its total whether a batch holds every total or only the changed ones.
        PrintingSink sink = new PrintingSink(out, printLimit, countsOut != null, variant.runningTotals());
        InputWatch input = new InputWatch();
        RunSpec watched = idleStopMs > 0 ? spec.withListener(input) : spec;
        LiveBatchesFile batches = null;
        if (batchesOut != null) {
            try {
                batches = new LiveBatchesFile(batchesOut);
            } catch (IOException e) {
                throw new LabException("cannot write " + batchesOut + ": " + e.getMessage(), e);
            }
            watched = watched.withListener(batches);
        }
        try {
            return runJob(variant, watched, durationMs, idleStopMs, sink, input, countsOut, err);
        } finally {
            if (batches != null) {
                batches.close();
            }
        }
    }

    private static int runJob(Variant variant, RunSpec spec, long durationMs, long idleStopMs, PrintingSink sink,
                              InputWatch input, Path countsOut, PrintStream err) throws InterruptedException {
        RunningJob job = variant.start(spec, sink);
        if (job.uiUrl() != null) {
            err.println("Spark UI: " + job.uiUrl());
        }
        // On SIGTERM Spark's own hooks stop the context; ours only writes what the sink already holds.
        Thread writeOnExit = new Thread(() -> writeCounts(sink, countsOut, err), "statelab-counts-out");
        if (countsOut != null) {
            Runtime.getRuntime().addShutdownHook(writeOnExit);
        }
        long deadline = durationMs > 0 ? System.currentTimeMillis() + durationMs : Long.MAX_VALUE;
        boolean ended = false;
        while (!ended && System.currentTimeMillis() < deadline
                && !(idleStopMs > 0 && input.idleMs() >= idleStopMs)) {
            ended = job.awaitTermination(Math.max(1, Math.min(200, deadline - System.currentTimeMillis())));
        }
        if (!ended) {
            job.stop(true);
        }
        if (countsOut != null) {
            Runtime.getRuntime().removeShutdownHook(writeOnExit);
            writeCounts(sink, countsOut, err);
        }
        Throwable failure = job.failure();
        if (failure != null) {
            err.println("error: " + variant.name() + " failed: " + rootMessage(failure));
            return 1;
        }
        return 0;
    }

    private static void writeCounts(PrintingSink sink, Path countsOut, PrintStream err) {
        if (countsOut == null) {
            return;
        }
        try {
            WordCounts.writeCountsFile(countsOut, sink.latestCounts());
        } catch (IOException e) {
            err.println("error: cannot write " + countsOut + ": " + e.getMessage());
        }
    }

    /** When the last batch with input ended; how long ago that was, or -1 before any such batch. */
    private static final class InputWatch implements BatchListener {
        private volatile long lastInputMs = -1;

        @Override
        public void onBatch(BatchMetrics metrics) {
            if (metrics.inputLines() > 0) {
                lastInputMs = System.currentTimeMillis();
            }
        }

        long idleMs() {
            long last = lastInputMs;
            return last < 0 ? -1 : System.currentTimeMillis() - last;
        }
    }

    /** The innermost cause's message: Spark wraps the interesting part several layers deep. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * The {@code main} every variant class delegates to: {@code <host> <port> [batch-ms]}, prints the usage
     * and exits 2 on bad arguments.
     */
    public static void main(Variant variant, String usage, String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println(usage);
            System.exit(2);
        }
        RunSpec spec;
        try {
            RunSpec.Builder builder = RunSpec.builder(variant.name()).host(args[0]).port(Integer.parseInt(args[1]));
            if (args.length == 3) {
                builder.batchMs(Long.parseLong(args[2]));
            }
            spec = builder.build();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + usage);
            System.exit(2);
            return;
        }
        System.exit(run(variant, spec, 0, 0, 20, null, System.out, System.err));
    }
}
