package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import statelab.core.BatchMetrics;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.results.Json;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunFiles;
import statelab.harness.results.RunStatistics;
import statelab.harness.results.RunSummary;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * One measured run: a variant under a fixed load at a given state size.
 *
 * <p>Phases, on the load generator's schedule (which starts when the variant connects):
 * <ol>
 *   <li>fill: every key is sent once, so the state holds exactly {@code keys} keys;</li>
 *   <li>warm-up: random words over those keys at the target rate, batches recorded but not measured; it lasts
 *       at least {@code warmupMs} and goes on (up to {@link RunSettings#MAX_CATCH_UP_MS} more) until the variant
 *       has worked off what the fill left queued, so the window measures the steady state at the rate;</li>
 *   <li>measure: the same load; these batches make the statistics;</li>
 *   <li>steps (optional, {@link Staircase}): the rate goes up step by step while each step is sustained, on the
 *       state already filled;</li>
 *   <li>drain and verify: the stream ends, every key is sent once more, the sink starts collecting, and the final
 *       totals are compared word by word with the load generator's ledger of what it sent to this variant.</li>
 * </ol>
 * A run whose counts differ, or that never catches up to verify them, says so: outcome {@code FAILED}.
 */
public final class Experiment {

    /** The counts note of a run stopped at the end of its window because it was falling behind. */
    public static final String QUIT_NOTE = "not verified: fell behind; stopped at the end of the measured window "
            + "without draining (measured: the batches that completed inside the window)";

    private Experiment() {
    }

    /** Runs in this JVM and writes batches.csv, the .hlog files and summary.json into {@code outDir}. */
    public static RunSummary run(RunSettings settings, Path outDir, PrintStream log) throws Exception {
        settings.validate();
        OutputDirs.prepare(outDir);
        Variant variant = Variants.byName(settings.variant());
        long batchMs = settings.batchMs();
        // The stream is ended by the run (when its window and steps are done); the duration only bounds it.
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0)
                .rateLinesPerSec(settings.shape().rateLinesPerSec()).wordsPerLine(settings.shape().wordsPerLine())
                .keys(settings.keys()).seed(settings.shape().seed()).fill(true)
                .fillRateLinesPerSec(settings.fillRateLinesPerSec())
                .duration(Duration.ofMillis(settings.maxLoadMs())).finalSweep(true).build();
        String startedAt = Instant.now().toString();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            BatchRecorder recorder = BatchRecorder.of(settings.shape().wordsPerLine(), generator);
            VerifyingSink sink = new VerifyingSink();
            RunSpec.Builder spec = RunSpec.builder(settings.variant()).master(settings.effectiveMaster())
                    .source(settings.shape().source()).port(generator.port()).batchMs(batchMs)
                    .partitions(settings.shape().partitions())
                    .checkpointEveryBatches(settings.checkpointEveryBatches()).listener(recorder);
            settings.effectiveOptions().forEach(spec::option);
            log.printf("%s: %,d keys at %,d words/s: fill %.1f s, warm-up at least %.1f s, measure %.1f s%s%n",
                    settings.label(), settings.keys(), settings.rateWordsPerS(), settings.fillMs() / 1000.0,
                    settings.warmupMs() / 1000.0, settings.measureMs() / 1000.0, settings.steps() == null ? ""
                            : String.format(", then steps from %,d words/s", settings.steps().bounds().fromRate()));
            RunningJob job = variant.start(spec.build(), sink);
            Watch watch = new Watch(settings.label(), batchMs, job, recorder, log);
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
                    throw new IllegalStateException(settings.variant() + " did not connect to the load generator");
                }
                long connectedMs = generator.ledger(false).clients().get(0).connectedAtEpochMs();
                long fillEndMs = connectedMs + settings.fillMs();
                watch.waitUntil(fillEndMs + settings.warmupMs());
                boolean receiverFed = variant.sourceCores(settings.shape().source()) > 0;
                long measureFromMs = awaitCaughtUp(fillEndMs, receiverFed, watch, batchMs, log);
                long measureToMs = measureFromMs + settings.measureMs();
                log.printf("  measuring from %.1f s after the fill%n", (measureFromMs - fillEndMs) / 1000.0);
                Histogram lagBeforeWindow = generator.lagHistogramMicros();
                watch.waitUntil(measureToMs);
                boolean behind = watch.fallingBehind(measureFromMs, measureToMs);
                boolean quit = settings.quitWhenBehind() && behind;
                // The window's own lag: the fill's backlog, on a pulled source seconds long, is not the window's.
                double lagP99Ms = lagP99MsSince(lagBeforeWindow, generator);
                Staircase staircase = new Staircase(settings, generator, watch, log);
                List<RunSummary.Step> steps = List.of();
                if (!behind && settings.steps() != null) {
                    long windowMedianMs = RunStatistics.of(BatchWindows.startedIn(recorder.batches(), measureFromMs,
                            measureToMs), batchMs).medianProcessingMs();
                    steps = staircase.run(windowMedianMs);
                }
                LedgerSnapshot.ClientSnapshot ledger;
                String note;
                List<BatchMetrics> measured;
                long loadEndMs = System.currentTimeMillis();
                if (quit) {
                    ledger = generator.ledger(false).clients().get(0);
                    note = QUIT_NOTE;
                    measured = BatchWindows.completedIn(recorder.batches(), measureFromMs, measureToMs);
                    log.printf("%s: falling behind at the end of the measured window: stopping without draining%n",
                            settings.label());
                } else {
                    if (variant.runningTotals()) {
                        sink.armFrom(loadEndMs);
                    }
                    generator.endStreams();
                    generator.awaitStreamsDone(Duration.ofSeconds(120));
                    ledger = generator.ledger(variant.runningTotals()).clients().get(0);
                    boolean caughtUp = variant.runningTotals()
                            ? sink.awaitTotals(ledger.totalWords(), ledger.distinctKeys(), settings.verifyTimeoutMs(),
                                    recorder::size)
                            : watch.awaitLines(ledger.totalLines(), settings.verifyTimeoutMs());
                    if (caughtUp) {
                        watch.awaitMetricsOfBatchEndingAfter(System.currentTimeMillis() - 100);
                    }
                    note = variant.runningTotals()
                            ? Verification.totals(caughtUp, sink.totals(), ledger.counts(), recorder.batches(),
                                    settings.verifyTimeoutMs())
                            : Verification.lines(caughtUp, ledger.totalLines(), recorder.batches());
                    measured = BatchWindows.startedIn(recorder.batches(), measureFromMs, measureToMs);
                }
                long verifyMs = System.currentTimeMillis() - loadEndMs;
                List<BatchMetrics> batches = recorder.batches();
                List<long[]> stepWindows = staircase.windows();
                RunFiles.writeCsv(outDir.resolve("batches.csv"), batches, b -> measured.contains(b)
                        ? RunFiles.Phase.MEASURE : b.batchTimeMs() < measureFromMs ? RunFiles.Phase.WARMUP
                        : BatchWindows.inAny(b, stepWindows) ? RunFiles.Phase.STEP : RunFiles.Phase.DRAIN);
                RunFiles.writeHistogramLogs(outDir, measured, batchMs);
                Outcome outcome = quit ? Outcome.STOPPED_BEHIND : note == null ? Outcome.VERIFIED : Outcome.FAILED;
                RunSummary summary = settings.summary().startedAt(startedAt)
                        .statistics(RunStatistics.of(measured, batchMs)).outcome(outcome, note == null ? "" : note)
                        .wordsSent(ledger.totalWords()).distinctKeys(ledger.distinctKeys())
                        .stateBytesAtEnd(batches.get(batches.size() - 1).stateBytes()).loadgenLagP99Ms(lagP99Ms)
                        .windowStartAfterFillMs(measureFromMs - fillEndMs).steps(steps).verifyMs(verifyMs).build();
                Json.write(outDir.resolve(Json.SUMMARY_FILE), summary);
                log.printf("%s: median processing %d ms, p99 total delay %d ms, %s, counts %s (verified in %.1f s)%n",
                        settings.label(), summary.medianProcessingMs(), summary.p99TotalDelayMs(),
                        summary.keepingUp() ? "keeping up" : "FALLING BEHIND",
                        summary.countsVerified() ? "verified" : "NOT verified (" + note + ")", verifyMs / 1000.0);
                return summary;
            } finally {
                job.stop(false);
            }
        }
    }

    /**
     * Waits, after the minimum warm-up, until the variant has worked off what the fill left queued: a batch
     * started after the fill completed with a scheduling delay of at most half an interval. Gives up after
     * {@link RunSettings#MAX_CATCH_UP_MS} (the window then shows a variant falling behind), or earlier for a
     * receiver-fed variant whose last {@value BatchWindows#BEHIND_BATCHES} batches after the fill each took longer
     * than the interval: a receiver's batch holds one interval of input, so such a backlog can only grow. Returns
     * when the measured window starts.
     */
    private static long awaitCaughtUp(long fillEndMs, boolean receiverFed, Watch watch, long batchMs, PrintStream log)
            throws InterruptedException {
        BooleanSupplier cannotCatchUp = () -> receiverFed
                && BatchWindows.slowerThanInterval(watch.batches(), fillEndMs, batchMs);
        if (!watch.awaitDrained(fillEndMs, RunSettings.MAX_CATCH_UP_MS, cannotCatchUp)) {
            log.printf(cannotCatchUp.getAsBoolean()
                    ? "  the last " + BatchWindows.BEHIND_BATCHES + " batches each took longer than the interval: "
                            + "measuring now%n"
                    : "  not caught up " + RunSettings.MAX_CATCH_UP_MS / 1000 + " s after the warm-up: measuring "
                            + "anyway%n");
        }
        return System.currentTimeMillis();
    }

    /** The p99 of the generator's write lags recorded since {@code before} was taken, in ms (0 when none). */
    static double lagP99MsSince(Histogram before, LoadGenerator generator) {
        Histogram lag = generator.lagHistogramMicros();
        lag.subtract(before);
        return lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0;
    }
}
