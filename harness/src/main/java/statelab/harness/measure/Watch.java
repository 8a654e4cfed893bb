package statelab.harness.measure;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import statelab.core.BatchMetrics;
import statelab.core.ConsoleRun;
import statelab.core.RunningJob;

/**
 * Watches a running variant through the batches it records: waits for a time, a drained backlog or the metrics
 * of a batch, printing a progress line every few seconds, and fails early when the job died.
 */
final class Watch {

    private final String variant;
    private final long batchMs;
    private final RunningJob job;
    private final BatchRecorder recorder;
    private final PrintStream log;

    Watch(String variant, long batchMs, RunningJob job, BatchRecorder recorder, PrintStream log) {
        this.variant = variant;
        this.batchMs = batchMs;
        this.job = job;
        this.recorder = recorder;
        this.log = log;
    }

    List<BatchMetrics> batches() {
        return recorder.batches();
    }

    /** Waits until {@code endMs}, printing a progress line every 10 s; fails early if the job died. */
    void waitUntil(long endMs) throws InterruptedException {
        long nextReportMs = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < endMs) {
            if (job.awaitTermination(Math.min(1000, Math.max(1, endMs - System.currentTimeMillis())))) {
                Throwable failure = job.failure();
                throw new IllegalStateException(variant + " stopped during the run"
                        + (failure == null ? "" : ": " + ConsoleRun.rootMessage(failure)), failure);
            }
            if (System.currentTimeMillis() >= nextReportMs) {
                List<BatchMetrics> batches = recorder.batches();
                if (!batches.isEmpty()) {
                    BatchMetrics last = batches.get(batches.size() - 1);
                    log.printf("  %d batches, last: processing %d ms, scheduling delay %d ms, %,d keys%n",
                            batches.size(), last.processingMs(), last.schedulingDelayMs(), last.stateKeys());
                }
                nextReportMs += 10_000;
            }
        }
    }

    /**
     * Waits until a batch after {@code sinceMs} completes with at most half an interval of scheduling delay; false
     * after {@code timeoutMs}, or as soon as {@code hopeless} says it will not happen.
     */
    boolean awaitDrained(long sinceMs, long timeoutMs, BooleanSupplier hopeless) throws InterruptedException {
        long giveUpMs = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < giveUpMs && !hopeless.getAsBoolean()) {
            if (BatchWindows.caughtUpSince(recorder.batches(), sinceMs, batchMs)) {
                return true;
            }
            waitUntil(System.currentTimeMillis() + 100);
        }
        return false;
    }

    /**
     * Whether the variant is behind at the end of the window: fewer than half of the window's batches have
     * completed a couple of batch intervals after it ended (a variant keeping up has completed all but the last).
     */
    boolean fallingBehind(long fromMs, long toMs) throws InterruptedException {
        long expected = BatchWindows.expectedBatches(fromMs, toMs, batchMs);
        long deadline = toMs + 2 * batchMs;
        long completed;
        while (true) {
            completed = BatchWindows.countStartedIn(recorder.batches(), fromMs, toMs);
            if (completed >= expected - 1 || System.currentTimeMillis() >= deadline) {
                break;
            }
            Thread.sleep(50);
        }
        return BatchWindows.behind(completed, fromMs, toMs, batchMs);
    }

    /**
     * The sink sees a batch's rows before Spark reports the batch's metrics (on its listener thread, and for
     * Structured Streaming only after the commit), so wait, bounded, for the metrics of the batch that ended
     * after {@code timeMs} before stopping the job.
     */
    void awaitMetricsOfBatchEndingAfter(long timeMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && recorder.batches().stream()
                .noneMatch(b -> b.batchTimeMs() + b.totalDelayMs() >= timeMs)) {
            Thread.sleep(50);
        }
    }

    /**
     * A variant printing each batch's own counts has no totals to compare: waits until the lines Spark processed
     * add up to {@code lines}, while batches keep completing; false once none has for {@code stallTimeoutMs}.
     */
    boolean awaitLines(long lines, long stallTimeoutMs) throws InterruptedException {
        int seen = recorder.size();
        long deadline = System.currentTimeMillis() + stallTimeoutMs;
        while (Verification.linesProcessed(recorder.batches()) < lines) {
            long now = System.currentTimeMillis();
            if (recorder.size() > seen) {
                seen = recorder.size();
                deadline = now + stallTimeoutMs;
            }
            if (now >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
