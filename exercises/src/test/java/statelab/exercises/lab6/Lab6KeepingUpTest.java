package statelab.exercises.lab6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.BatchMetrics;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.exercises.testing.Grading;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.solutions.lab6.KeepingUpSolution;

/**
 * Lab 6 runs a real job against the load generator for a few seconds. Timing on a shared 2-core machine is
 * noisy, so the grading judges the shape of the scheduling delay (bounded, not climbing), never a small
 * absolute time. No shared Spark session here: each run starts (and stops) its own.
 */
class Lab6KeepingUpTest {

    /** The load: 500 lines/s of 10 words over 1,000 distinct words, for 12 s after the job connects. */
    static final double LINES_PER_SEC = 500;
    static final int WORDS_PER_LINE = 10;
    static final long KEYS = 1000;
    static final long LOAD_MS = 12_000;
    /** The requirement: results at most a second old. */
    static final long MAX_BATCH_MS = 1000;

    /**
     * The grading: runs the plan under the load, then checks that
     * <ol>
     *   <li>at least 3/4 of the batches due during the load completed (a job that falls behind completes
     *       fewer and fewer),</li>
     *   <li>in the last third of them the scheduling delay stayed below 2 batch intervals and did not climb
     *       by more than one interval,</li>
     *   <li>the final totals equal what the load generator sent, word by word.</li>
     * </ol>
     */
    static void grade(JobPlan plan) {
        LoadGenConfig load = LoadGenConfig.builder().port(0).rateLinesPerSec(LINES_PER_SEC)
                .wordsPerLine(WORDS_PER_LINE).keys(KEYS).seed(6).duration(Duration.ofMillis(LOAD_MS))
                .finalSweep(true) // every word once more at the end: then every final total shows
                .build();
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            List<BatchMetrics> batches = new CopyOnWriteArrayList<>();
            RunSpec.Builder builder = RunSpec.builder(plan.variant().name());
            plan.settings().accept(builder);
            // The grading's own settings come last, so they win.
            builder.master("local[2]").host(generator.host()).port(generator.port()).listener(batches::add);
            RunSpec spec = builder.build();
            assertThat(spec.batchMs()).as("batch interval in ms (results must be at most a second old)")
                    .isLessThanOrEqualTo(MAX_BATCH_MS);

            LatestTotals totals = new LatestTotals();
            RunningJob job;
            try {
                job = plan.variant().start(spec, totals);
            } catch (RuntimeException e) {
                throw new AssertionError("the job did not start: " + ConsoleRun.rootMessage(e), e);
            }
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(90))) {
                    throw new AssertionError("the job did not connect to the load generator in 90 s");
                }
                long loadStartMs = generator.ledger().clients().get(0).connectedAtEpochMs();
                long loadEndMs = loadStartMs + LOAD_MS;
                // Two intervals of grace, so that the batches due at the end of the load can finish.
                runUntil(job, loadEndMs + 2 * spec.batchMs());
                List<BatchMetrics> all = List.copyOf(batches);
                List<BatchMetrics> duringLoad = all.stream()
                        .filter(b -> b.batchTimeMs() > loadStartMs && b.batchTimeMs() <= loadEndMs)
                        .toList();
                checkKeepsUp(duringLoad, spec.batchMs(), table(all, loadStartMs, spec.batchMs()));

                generator.awaitStreamsDone(Duration.ofSeconds(30));
                LedgerSnapshot.ClientSnapshot sent = generator.ledger().clients().get(0);
                totals.await(sent.totalWords(), sent.distinctKeys(), 30_000);
                assertThat(totals.get()).as("final totals against what the load generator sent")
                        .isEqualTo(sent.counts());
            } finally {
                job.stop(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Checks 1 and 2 on the batches due during the load; {@code table} lists every batch for the messages. */
    static void checkKeepsUp(List<BatchMetrics> batches, long batchMs, String table) {
        int due = (int) (LOAD_MS / batchMs);
        assertThat(batches.size())
                .as("batches completed of the %d due during the %d s of load: the job is falling behind%n%s",
                        due, LOAD_MS / 1000, table)
                .isGreaterThanOrEqualTo(due * 3 / 4);
        List<BatchMetrics> lastThird = batches.subList(batches.size() - Math.max(3, batches.size() / 3),
                batches.size());
        long first = lastThird.get(0).schedulingDelayMs();
        for (BatchMetrics batch : lastThird) {
            assertThat(batch.schedulingDelayMs())
                    .as("scheduling delay in the last third of the load, at most 2 intervals (%d ms), or the job "
                            + "is falling behind%n%s", 2 * batchMs, table)
                    .isLessThan(2 * batchMs);
        }
        assertThat(lastThird.get(lastThird.size() - 1).schedulingDelayMs() - first)
                .as("growth of the scheduling delay over the last third of the load: the job is falling behind%n%s",
                        table)
                .isLessThanOrEqualTo(batchMs);
    }

    /** Waits until {@code endMs}; fails early if the job died. */
    private static void runUntil(RunningJob job, long endMs) throws InterruptedException {
        while (System.currentTimeMillis() < endMs) {
            if (job.awaitTermination(Math.max(1, Math.min(500, endMs - System.currentTimeMillis())))) {
                Throwable failure = job.failure();
                throw new AssertionError("the job stopped during the run"
                        + (failure == null ? "" : ": " + ConsoleRun.rootMessage(failure)), failure);
            }
        }
    }

    /**
     * Every completed batch, as the Spark UI's streaming tab lists them: what to look at to diagnose. "Due"
     * is the batch time from the start of the load (before it the job is connecting and warming up).
     */
    static String table(List<BatchMetrics> batches, long loadStartMs, long batchMs) {
        StringBuilder text = new StringBuilder(String.format("batch interval %d ms, load from 0 s to %d s; "
                + "the batches that completed:%n      due   lines  scheduling delay  processing%n", batchMs,
                LOAD_MS / 1000));
        for (BatchMetrics b : batches) {
            text.append(String.format("  %5.1f s  %6d  %13d ms  %7d ms%n", (b.batchTimeMs() - loadStartMs) / 1000.0,
                    b.inputLines(), b.schedulingDelayMs(), b.processingMs()));
        }
        return text.toString();
    }

    @Test
    void keepsUpWithTheLoadAndCountsEveryWord() {
        Grading.<Supplier<JobPlan>>grade(6, "fixedPlan", KeepingUpExercise.class,
                KeepingUpExercise::fixedPlan, KeepingUpSolution::fixedPlan, plan -> grade(plan.get()));
    }

    @Test
    void gradingFailsTheShippedJob() {
        Grading.skipWhenGradingOnlyTheStudent();
        assertThatThrownBy(() -> grade(ShippedJob.plan()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("falling behind");
    }

    /** Keeps each word's latest total from every batch's rows (running-total variants output totals). */
    private static final class LatestTotals implements CountsSink {
        private final Map<String, Long> totals = new HashMap<>();

        @Override
        public int rowsWanted(long batchTimeMs) {
            return ALL;
        }

        @Override
        public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
            rows.forEach(row -> totals.put(row._1(), row._2()));
            notifyAll();
        }

        /** Waits (bounded) until the totals add up to {@code words} words in {@code keys} keys. */
        synchronized void await(long words, long keys, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (totals.size() != keys || totals.values().stream().mapToLong(Long::longValue).sum() != words) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return; // the comparison that follows shows what is missing
                }
                wait(left);
            }
        }

        synchronized Map<String, Long> get() {
            return new HashMap<>(totals);
        }
    }
}
