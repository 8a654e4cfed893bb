package statelab.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import statelab.core.BatchMetrics;
import statelab.core.LabException;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.StructuredJob;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.structured.StructuredWordCount;

/**
 * One measured run: a variant under a fixed load at a given state size.
 *
 * <p>Phases, on the load generator's schedule (which starts when the variant connects):
 * <ol>
 *   <li>fill: every key is sent once, so the state holds exactly {@code keys} keys;</li>
 *   <li>warm-up: random words over those keys at the target rate, batches recorded but not measured; it lasts
 *       at least {@code warmupMs} and goes on (up to {@link Settings#MAX_CATCH_UP_MS} more) until the variant has
 *       worked off what the fill left queued, so the window measures the steady state at the rate;</li>
 *   <li>measure: the same load; these batches make the statistics;</li>
 *   <li>steps (optional, {@link RateSteps}): the rate goes up step by step while each step is sustained, on
 *       the state already filled;</li>
 *   <li>drain and verify: the stream ends, every key is sent once more, the sink starts collecting, and the final
 *       totals are compared word by word with the load generator's ledger of what it sent to this variant.</li>
 * </ol>
 * A run whose counts differ, or that never catches up to verify them, says so: {@code countsVerified} false.
 */
public final class Experiment {

    /** What to run. Rates in words per second, times in milliseconds. {@code steps} null: no staircase. */
    public record Settings(String variant, long keys, long rateWordsPerS, int wordsPerLine, long batchMs,
                           long warmupMs, long measureMs, String master, int processingCores, int partitions,
                           long seed, Map<String, String> options, long verifyTimeoutMs,
                           int checkpointEveryBatches, boolean quitWhenBehind, RateSteps steps) {

        /** The fewest measured batches that say anything about a trend. */
        public static final int MIN_MEASURED_BATCHES = 5;
        /** Fill takes at most this long: larger key counts are filled faster than the target rate. */
        public static final long MAX_FILL_MS = 20_000;
        /** Spark's own default for stateful DStreams: a state checkpoint every 10 batches. */
        public static final int DEFAULT_CHECKPOINT_EVERY_BATCHES = 10;
        /** How much longer than {@code warmupMs} the warm-up waits for the fill's backlog to be worked off. */
        public static final long MAX_CATCH_UP_MS = 90_000;

        public Settings {
            options = Map.copyOf(options);
        }

        /** The settings most runs use: 10 words per line, seed 1, one partition per processing core. */
        public static Settings of(String variant, long keys, long rateWordsPerS, long batchMs, long warmupMs,
                                  long measureMs) {
            return new Settings(variant, keys, rateWordsPerS, 10, batchMs, warmupMs, measureMs, null, 2, 2, 1,
                    Map.of(), 60_000, DEFAULT_CHECKPOINT_EVERY_BATCHES, false, null);
        }

        public Settings withMaster(String value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, value,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    steps);
        }

        public Settings withVerifyTimeoutMs(long value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, value, checkpointEveryBatches, quitWhenBehind, steps);
        }

        public Settings withOptions(Map<String, String> value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, value, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    steps);
        }

        public Settings withCheckpointEveryBatches(int value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, value, quitWhenBehind, steps);
        }

        /**
         * A run found falling behind at the end of its measured window is stopped there instead of being drained
         * and verified: its measured batches are those that completed inside the window, and its counts are
         * marked not verified. Saves the minutes a backlog takes to drain in a walk or a search.
         */
        public Settings withQuitWhenBehind(boolean value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, value, steps);
        }

        public Settings withRate(long value) {
            return new Settings(variant, keys, value, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    steps);
        }

        public Settings withKeys(long value) {
            return new Settings(variant, value, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    steps);
        }

        public Settings withWarmupMs(long value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, value, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    steps);
        }

        /** A staircase of rates after the window (null: none). */
        public Settings withSteps(RateSteps value) {
            return new Settings(variant, keys, rateWordsPerS, wordsPerLine, batchMs, warmupMs, measureMs, master,
                    processingCores, partitions, seed, options, verifyTimeoutMs, checkpointEveryBatches, quitWhenBehind,
                    value);
        }

        /**
         * The master to run on: as given, or local with the processing cores plus the cores the variant's
         * source holds (a DStream receiver), so every variant gets the same cores for processing.
         */
        public String effectiveMaster() {
            return master != null ? master : SparkRunOptions.submittedMaster(
                    "local[" + (processingCores + Variants.byName(variant).sourceCores()) + "]");
        }

        /**
         * Variant options with the measuring defaults: Structured Streaming emits only changed totals and reads
         * the replay source (named, so results say which source they measured).
         */
        Map<String, String> effectiveOptions() {
            Map<String, String> effective = new TreeMap<>(options);
            Set<String> accepted = Variants.byName(variant).optionNames();
            if (accepted.contains(StructuredWordCount.OUTPUT_MODE)) {
                effective.putIfAbsent(StructuredWordCount.OUTPUT_MODE, "update");
            }
            if (accepted.contains(StructuredWordCount.SOURCE)) {
                effective.putIfAbsent(StructuredWordCount.SOURCE, StructuredJob.Source.REPLAY.label());
            }
            return effective;
        }

        /** How results name this run: the variant, plus {@code -socket} on Spark's socket source. */
        public String label() {
            return RunSummary.label(variant, effectiveOptions());
        }

        public void validate() {
            Variants.byName(variant);
            if (options.containsKey(StructuredWordCount.SOURCE)) {
                StructuredJob.Source.parse(options.get(StructuredWordCount.SOURCE));
            }
            require(keys > 0, "keys must be positive, got " + keys);
            require(rateWordsPerS > 0, "rate must be positive, got " + rateWordsPerS + " words/s");
            require(wordsPerLine > 0, "words per line must be positive, got " + wordsPerLine);
            require(batchMs > 0, "batch interval must be positive, got " + batchMs + " ms");
            require(warmupMs >= 0, "warm-up must not be negative");
            require(measureMs >= MIN_MEASURED_BATCHES * batchMs, "measure window " + measureMs + " ms is shorter than "
                    + MIN_MEASURED_BATCHES + " batches of " + batchMs + " ms");
            require(rateWordsPerS >= wordsPerLine, "rate must be at least one line per second");
            require(processingCores > 0, "processing cores must be positive, got " + processingCores);
            require(partitions > 0, "partitions must be positive, got " + partitions);
            require(verifyTimeoutMs > 0, "verify timeout must be positive");
            require(checkpointEveryBatches > 0, "checkpoint interval must be at least 1 batch, got "
                    + checkpointEveryBatches);
            if (steps != null) {
                steps.validate(rateWordsPerS, batchMs);
            }
        }

        double rateLinesPerSec() {
            return rateWordsPerS / (double) wordsPerLine;
        }

        long fillLines() {
            return (keys + wordsPerLine - 1) / wordsPerLine;
        }

        double fillRateLinesPerSec() {
            return Math.max(rateLinesPerSec(), fillLines() * 1000.0 / MAX_FILL_MS);
        }

        /** How long the fill lasts on the load generator's schedule. */
        public long fillMs() {
            return (long) Math.ceil(fillLines() * 1000.0 / fillRateLinesPerSec());
        }

        /** The longest the load can last: the stream is ended earlier, when the run has done its work. */
        long maxLoadMs() {
            return fillMs() + warmupMs + MAX_CATCH_UP_MS + measureMs + (steps == null ? 0 : steps.maxDurationMs(batchMs))
                    + 60_000;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LabException(message);
        }
    }

    /** The counts note of a run stopped at the end of its window because it was falling behind. */
    public static final String QUIT_NOTE = "not verified: fell behind; stopped at the end of the measured window "
            + "without draining (measured: the batches that completed inside the window)";

    private Experiment() {
    }

    /** The batches that started inside the window (the measured ones of a run that was drained). */
    private static List<BatchMetrics> startedIn(List<BatchMetrics> batches, long fromMs, long toMs) {
        List<BatchMetrics> measured = new ArrayList<>();
        for (BatchMetrics b : batches) {
            if (b.batchTimeMs() >= fromMs && b.batchTimeMs() < toMs) {
                measured.add(b);
            }
        }
        if (measured.isEmpty()) {
            // So slow that no batch started inside the window: the first batch after its start carries
            // the window's data, so it stands for the window (and the run is certainly not keeping up).
            batches.stream().filter(b -> b.batchTimeMs() >= fromMs).findFirst().ifPresent(measured::add);
        }
        if (measured.isEmpty()) {
            throw new IllegalStateException("no batch started after the measured window began");
        }
        return measured;
    }

    /** The batches that completed inside the window (what a run stopped without draining can measure). */
    static List<BatchMetrics> completedIn(List<BatchMetrics> batches, long fromMs, long toMs) {
        List<BatchMetrics> measured = new ArrayList<>();
        for (BatchMetrics b : batches) {
            long endMs = b.batchTimeMs() + b.totalDelayMs();
            if (endMs >= fromMs && endMs < toMs) {
                measured.add(b);
            }
        }
        if (measured.isEmpty() && !batches.isEmpty()) {
            measured.add(batches.get(batches.size() - 1)); // slower than the window: the last completed batch
        }
        if (measured.isEmpty()) {
            throw new IllegalStateException("no batch completed before the end of the measured window");
        }
        return measured;
    }

    /**
     * Whether the variant is behind at the end of the window: fewer than half of the window's batches have
     * completed a couple of batch intervals after it ended (a variant keeping up has completed all but the last).
     */
    private static boolean fallingBehind(long fromMs, long toMs, BatchRecorder recorder, Settings settings)
            throws InterruptedException {
        long expected = (toMs - fromMs) / settings.batchMs();
        long deadline = toMs + 2 * settings.batchMs();
        long completed = 0;
        while (true) {
            completed = recorder.batches().stream()
                    .filter(b -> b.batchTimeMs() >= fromMs && b.batchTimeMs() < toMs).count();
            if (completed >= expected - 1 || System.currentTimeMillis() >= deadline) {
                break;
            }
            Thread.sleep(50);
        }
        return completed < expected / 2.0;
    }

    /**
     * A variant printing each batch's own counts has no totals to compare: it is checked by the lines Spark
     * processed, which must equal the lines the load generator sent. Waits while batches keep completing.
     */
    private static boolean awaitLines(long lines, long stallTimeoutMs, BatchRecorder recorder)
            throws InterruptedException {
        int seen = recorder.size();
        long deadline = System.currentTimeMillis() + stallTimeoutMs;
        while (linesProcessed(recorder.batches()) < lines) {
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

    private static long linesProcessed(List<BatchMetrics> batches) {
        return batches.stream().mapToLong(b -> Math.max(0, b.inputLines())).sum();
    }

    /** Null when every line sent was processed exactly once; otherwise what differs. */
    static String verifyLines(boolean caughtUp, long linesSent, List<BatchMetrics> batches) {
        long processed = linesProcessed(batches);
        if (processed == linesSent) {
            return null;
        }
        return (caughtUp ? "" : "gave up waiting: ") + "processed " + processed + " lines, the ledger says "
                + linesSent + " were sent";
    }

    /** Runs in this JVM and writes batches.csv, the .hlog files and summary.json into {@code outDir}. */
    public static RunSummary run(Settings settings, Path outDir, PrintStream log) throws Exception {
        settings.validate();
        prepareOutput(outDir);
        Variant variant = Variants.byName(settings.variant());
        // The stream is ended by the run (when its window and steps are done); the duration only bounds it.
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0)
                .rateLinesPerSec(settings.rateLinesPerSec()).wordsPerLine(settings.wordsPerLine())
                .keys(settings.keys()).seed(settings.seed()).fill(true)
                .fillRateLinesPerSec(settings.fillRateLinesPerSec())
                .duration(Duration.ofMillis(settings.maxLoadMs())).finalSweep(true).build();
        String startedAt = Instant.now().toString();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            BatchRecorder recorder = BatchRecorder.of(settings.wordsPerLine(), generator);
            VerifyingSink sink = new VerifyingSink();
            RunSpec.Builder spec = RunSpec.builder(settings.variant()).master(settings.effectiveMaster())
                    .port(generator.port()).batchMs(settings.batchMs()).partitions(settings.partitions())
                    .checkpointEveryBatches(settings.checkpointEveryBatches()).listener(recorder);
            settings.effectiveOptions().forEach(spec::option);
            log.printf("%s: %,d keys at %,d words/s: fill %.1f s, warm-up at least %.1f s, measure %.1f s%s%n",
                    settings.variant(), settings.keys(), settings.rateWordsPerS(), settings.fillMs() / 1000.0,
                    settings.warmupMs() / 1000.0, settings.measureMs() / 1000.0, settings.steps() == null ? ""
                            : String.format(", then steps from %,d words/s", settings.steps().bounds().fromRate()));
            RunningJob job = variant.start(spec.build(), sink);
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
                    throw new IllegalStateException(settings.variant() + " did not connect to the load generator");
                }
                long connectedMs = generator.ledger(false).clients().get(0).connectedAtEpochMs();
                long fillEndMs = connectedMs + settings.fillMs();
                waitUntil(fillEndMs + settings.warmupMs(), job, recorder, settings, log);
                long measureFromMs = awaitCaughtUp(fillEndMs, variant.sourceCores() > 0, job, recorder, settings, log);
                long measureToMs = measureFromMs + settings.measureMs();
                log.printf("  measuring from %.1f s after the fill%n", (measureFromMs - fillEndMs) / 1000.0);
                Histogram lagBeforeWindow = generator.lagHistogramMicros();
                waitUntil(measureToMs, job, recorder, settings, log);
                boolean behind = fallingBehind(measureFromMs, measureToMs, recorder, settings);
                boolean quit = settings.quitWhenBehind() && behind;
                // The window's own lag: the fill's backlog, on a pulled source seconds long, is not the window's.
                double lagP99Ms = lagP99MsSince(lagBeforeWindow, generator);
                List<RunSummary.Step> steps = new ArrayList<>();
                List<long[]> stepWindows = new ArrayList<>();
                if (!behind && settings.steps() != null) {
                    long windowMedianMs = RunStatistics.of(startedIn(recorder.batches(), measureFromMs, measureToMs),
                            settings.batchMs()).medianProcessingMs();
                    runSteps(settings, windowMedianMs, generator, job, recorder, steps, stepWindows, log);
                }
                LedgerSnapshot.ClientSnapshot ledger;
                String note;
                List<BatchMetrics> measured;
                long loadEndMs = System.currentTimeMillis();
                if (quit) {
                    ledger = generator.ledger(false).clients().get(0);
                    note = QUIT_NOTE;
                    measured = completedIn(recorder.batches(), measureFromMs, measureToMs);
                    log.printf("%s: falling behind at the end of the measured window: stopping without draining%n",
                            settings.variant());
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
                            : awaitLines(ledger.totalLines(), settings.verifyTimeoutMs(), recorder);
                    if (caughtUp) {
                        awaitMetricsOfBatchEndingAfter(System.currentTimeMillis() - 100, recorder);
                    }
                    note = variant.runningTotals()
                            ? verify(caughtUp, sink.totals(), ledger.counts(), recorder.batches(), settings)
                            : verifyLines(caughtUp, ledger.totalLines(), recorder.batches());
                    measured = startedIn(recorder.batches(), measureFromMs, measureToMs);
                }
                long verifyMs = System.currentTimeMillis() - loadEndMs;
                List<BatchMetrics> batches = recorder.batches();
                RunFiles.writeCsv(outDir.resolve("batches.csv"), batches, b -> measured.contains(b)
                        ? RunFiles.Phase.MEASURE : b.batchTimeMs() < measureFromMs ? RunFiles.Phase.WARMUP
                        : inAny(b, stepWindows) ? RunFiles.Phase.STEP : RunFiles.Phase.DRAIN);
                RunFiles.writeHistogramLogs(outDir, measured, settings.batchMs());
                RunStatistics stats = RunStatistics.of(measured, settings.batchMs());
                long stateBytes = batches.get(batches.size() - 1).stateBytes();
                RunSummary summary = new RunSummary(RunSummary.FORMAT, settings.variant(), settings.keys(),
                        settings.rateWordsPerS(), settings.wordsPerLine(), settings.batchMs(), settings.warmupMs(),
                        settings.measureMs(), settings.effectiveMaster(), settings.partitions(),
                        settings.effectiveOptions(),
                        settings.seed(), startedAt, stats.batches(), stats.medianProcessingMs(),
                        stats.p99ProcessingMs(), stats.maxProcessingMs(), stats.medianNormalProcessingMs(),
                        stats.medianCheckpointProcessingMs(), stats.medianTotalDelayMs(), stats.p99TotalDelayMs(),
                        stats.maxSchedulingDelayMs(), stats.schedulingDelaySlopeMsPerBatch(), stats.keepingUp(),
                        note == null, note == null ? "" : note, ledger.totalWords(), ledger.distinctKeys(),
                        stateBytes, lagP99Ms, settings.checkpointEveryBatches(),
                        measureFromMs - fillEndMs, settings.steps(), steps, verifyMs);
                SweepSummary.writeJson(outDir.resolve(SweepSummary.FILE), summary);
                log.printf("%s: median processing %d ms, p99 total delay %d ms, %s, counts %s (verified in %.1f s)%n",
                        settings.variant(), summary.medianProcessingMs(), summary.p99TotalDelayMs(),
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
     * {@link Settings#MAX_CATCH_UP_MS} (the window then shows a variant falling behind), or earlier for a
     * receiver-fed variant whose last {@value #BEHIND_BATCHES} batches after the fill each took longer than the
     * interval: a receiver's batch holds one interval of input, so such a backlog can only grow. Returns when the
     * measured window starts.
     */
    private static long awaitCaughtUp(long fillEndMs, boolean receiverFed, RunningJob job, BatchRecorder recorder,
                                      Settings settings, PrintStream log) throws InterruptedException {
        BooleanSupplier cannotCatchUp = () -> receiverFed && slowerThanInterval(fillEndMs, recorder, settings);
        if (!awaitDrained(fillEndMs, Settings.MAX_CATCH_UP_MS, cannotCatchUp, job, recorder, settings, log)) {
            log.printf(cannotCatchUp.getAsBoolean()
                    ? "  the last " + BEHIND_BATCHES + " batches each took longer than the interval: measuring now%n"
                    : "  not caught up " + Settings.MAX_CATCH_UP_MS / 1000 + " s after the warm-up: measuring anyway%n");
        }
        return System.currentTimeMillis();
    }

    /** How many batches slower than the interval show a receiver-fed variant that cannot catch up. */
    static final int BEHIND_BATCHES = 3;

    /** The last {@link #BEHIND_BATCHES} batches started after {@code sinceMs} and each took longer than the interval. */
    static boolean slowerThanInterval(long sinceMs, BatchRecorder recorder, Settings settings) {
        List<BatchMetrics> batches = recorder.batches();
        if (batches.size() < BEHIND_BATCHES) {
            return false;
        }
        return batches.subList(batches.size() - BEHIND_BATCHES, batches.size()).stream()
                .allMatch(b -> b.batchTimeMs() >= sinceMs && b.processingMs() > settings.batchMs());
    }

    /**
     * The staircase ({@link RateSteps}): each step sets the rate, lets it settle, and is judged by its batches like
     * a search's probe (a step whose scheduling delay passes {@link RateSteps#GIVE_UP_AFTER_BATCHES_DELAY} intervals
     * ends early, so its backlog stays short); the next rate follows the search's rule. Before a step after a failed
     * one, the rate goes back to the window's until the variant has caught up.
     */
    private static void runSteps(Settings settings, long windowMedianMs, LoadGenerator generator, RunningJob job,
                                 BatchRecorder recorder, List<RunSummary.Step> steps, List<long[]> stepWindows,
                                 PrintStream log) throws InterruptedException {
        RateSteps plan = settings.steps();
        TreeMap<Long, Search.Point> points = new TreeMap<>();
        points.put(settings.rateWordsPerS(), new Search.Point(settings.rateWordsPerS(), true, windowMedianMs));
        long rate = plan.bounds().fromRate();
        while (steps.size() < plan.bounds().maxProbes()) {
            if (!steps.isEmpty() && !steps.get(steps.size() - 1).sustained()) {
                generator.setRateLinesPerSec(settings.rateLinesPerSec());
                if (!awaitDrained(System.currentTimeMillis(), RateSteps.MAX_DRAIN_MS, () -> false, job, recorder,
                        settings, log)) {
                    log.printf("  steps: not caught up %d s after a failed step: no more steps%n",
                            RateSteps.MAX_DRAIN_MS / 1000);
                    break;
                }
            }
            RunSummary.Step step = runStep(rate, settings, generator, job, recorder, stepWindows, log);
            steps.add(step);
            points.put(rate, new Search.Point(rate, step.sustained(), step.medianProcessingMs()));
            Search.Next next = Search.next(points, plan.bounds());
            if (next.conclusion() != null) {
                break;
            }
            rate = next.rateWordsPerS();
        }
        // Back to the measured rate, so what the last step left queued drains while the stream ends.
        generator.setRateLinesPerSec(settings.rateLinesPerSec());
    }

    /** The p99 of the generator's write lags recorded since {@code before} was taken, in ms (0 when none). */
    private static double lagP99MsSince(Histogram before, LoadGenerator generator) {
        Histogram lag = generator.lagHistogramMicros();
        lag.subtract(before);
        return lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1000.0;
    }

    private static RunSummary.Step runStep(long rate, Settings settings, LoadGenerator generator, RunningJob job,
                                           BatchRecorder recorder, List<long[]> stepWindows, PrintStream log)
            throws InterruptedException {
        RateSteps plan = settings.steps();
        generator.setRateLinesPerSec(rate / (double) settings.wordsPerLine());
        long fromMs = System.currentTimeMillis() + plan.settleMs();
        long toMs = fromMs + plan.measureMs();
        long[] window = {fromMs - plan.settleMs(), toMs};
        stepWindows.add(window);
        waitUntil(fromMs, job, recorder, settings, log);
        Histogram lagBefore = generator.lagHistogramMicros();
        String note = "";
        long giveUpDelayMs = RateSteps.GIVE_UP_AFTER_BATCHES_DELAY * settings.batchMs();
        while (System.currentTimeMillis() < toMs) {
            waitUntil(Math.min(toMs, System.currentTimeMillis() + 100), job, recorder, settings, log);
            List<BatchMetrics> batches = recorder.batches();
            BatchMetrics last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
            if (last != null && last.batchTimeMs() >= fromMs && last.schedulingDelayMs() > giveUpDelayMs) {
                note = String.format("stopped early: scheduling delay %,d ms", last.schedulingDelayMs());
                toMs = System.currentTimeMillis();
                window[1] = toMs;
            }
        }
        boolean behind = fallingBehind(fromMs, toMs, recorder, settings);
        double lagP99Ms = lagP99MsSince(lagBefore, generator);
        List<BatchMetrics> measured = behind ? completedIn(recorder.batches(), fromMs, toMs)
                : startedIn(recorder.batches(), fromMs, toMs);
        RunStatistics stats = RunStatistics.of(measured, settings.batchMs());
        boolean keepingUp = stats.keepingUp() && note.isEmpty() && !behind;
        boolean sustained = Search.keptUp(keepingUp, lagP99Ms, settings.batchMs(), settings.effectiveOptions());
        log.printf("  step %,d words/s: median processing %d ms, max scheduling delay %,d ms, lag p99 %.1f ms: %s%s%n",
                rate, stats.medianProcessingMs(), stats.maxSchedulingDelayMs(), lagP99Ms,
                sustained ? "sustained" : "NOT sustained", note.isEmpty() ? "" : " (" + note + ")");
        return new RunSummary.Step(rate, stats.batches(), stats.medianProcessingMs(), stats.p99ProcessingMs(),
                stats.maxSchedulingDelayMs(), stats.schedulingDelaySlopeMsPerBatch(), keepingUp, lagP99Ms, sustained,
                note);
    }

    /**
     * Waits until a batch after {@code sinceMs} completes with at most half an interval of scheduling delay; false
     * after {@code timeoutMs}, or as soon as {@code hopeless} says it will not happen.
     */
    private static boolean awaitDrained(long sinceMs, long timeoutMs, BooleanSupplier hopeless, RunningJob job,
                                        BatchRecorder recorder, Settings settings, PrintStream log)
            throws InterruptedException {
        long giveUpMs = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < giveUpMs && !hopeless.getAsBoolean()) {
            if (caughtUpSince(sinceMs, recorder, settings)) {
                return true;
            }
            waitUntil(System.currentTimeMillis() + 100, job, recorder, settings, log);
        }
        return false;
    }

    /** The last batch recorded started at or after {@code sinceMs} and waited at most half an interval. */
    private static boolean caughtUpSince(long sinceMs, BatchRecorder recorder, Settings settings) {
        List<BatchMetrics> batches = recorder.batches();
        if (batches.isEmpty()) {
            return false;
        }
        BatchMetrics last = batches.get(batches.size() - 1);
        return last.batchTimeMs() >= sinceMs && last.schedulingDelayMs() <= settings.batchMs() / 2;
    }

    private static boolean inAny(BatchMetrics batch, List<long[]> windows) {
        return windows.stream().anyMatch(w -> batch.batchTimeMs() >= w[0] && batch.batchTimeMs() < w[1]);
    }

    /**
     * The sink sees a batch's rows before Spark reports the batch's metrics (on its listener thread, and for
     * Structured Streaming only after the commit), so wait, bounded, for the metrics of the batch that ended
     * after {@code timeMs} before stopping the job.
     */
    private static void awaitMetricsOfBatchEndingAfter(long timeMs, BatchRecorder recorder)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && recorder.batches().stream()
                .noneMatch(b -> b.batchTimeMs() + b.totalDelayMs() >= timeMs)) {
            Thread.sleep(50);
        }
    }

    /** Waits for the load's end, printing a progress line every few seconds; fails early if the job died. */
    private static void waitUntil(long endMs, RunningJob job, BatchRecorder recorder, Settings settings,
                                  PrintStream log) throws InterruptedException {
        long nextReportMs = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < endMs) {
            if (job.awaitTermination(Math.min(1000, Math.max(1, endMs - System.currentTimeMillis())))) {
                Throwable failure = job.failure();
                throw new IllegalStateException(settings.variant() + " stopped during the run"
                        + (failure == null ? "" : ": " + statelab.core.ConsoleRun.rootMessage(failure)), failure);
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

    /** Null when the totals equal the ledger word by word; otherwise what differs. */
    static String verify(boolean caughtUp, Map<String, Long> counted, Map<String, Long> sent,
                         List<BatchMetrics> batches, Settings settings) {
        if (counted.equals(sent)) {
            return null;
        }
        if (!caughtUp) {
            long lastDelay = batches.isEmpty() ? -1 : batches.get(batches.size() - 1).schedulingDelayMs();
            return "no batch completed for " + settings.verifyTimeoutMs() / 1000 + " s before the final counts were in "
                    + "(last scheduling delay " + lastDelay + " ms); counted " + counted.size() + " of " + sent.size()
                    + " words";
        }
        return differences(counted, sent);
    }

    /** Null when {@code counted} equals {@code sent} word by word; otherwise how many words differ, with examples. */
    static String differences(Map<String, Long> counted, Map<String, Long> sent) {
        if (counted.equals(sent)) {
            return null;
        }
        Map<String, String> differences = new TreeMap<>();
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            Long got = counted.get(e.getKey());
            if (!e.getValue().equals(got)) {
                differences.put(e.getKey(), "sent " + e.getValue() + ", counted " + got);
            }
        }
        counted.keySet().stream().filter(w -> !sent.containsKey(w)).forEach(w -> differences.put(w, "never sent"));
        return differences.size() + " words differ from the ledger, e.g. "
                + differences.entrySet().stream().limit(3).map(e -> e.getKey() + " (" + e.getValue() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** Creates {@code outDir} if needed; a clear error if it cannot be created or written. */
    static void prepareOutput(Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new LabException("cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(outDir)) {
            throw new LabException("output directory " + outDir + " is not writable");
        }
    }
}
