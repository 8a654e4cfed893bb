package statelab.harness.measure;

import static statelab.core.LabException.require;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import statelab.harness.results.ProfileSummary;
import statelab.harness.results.ProgressSummary;
import statelab.harness.results.RunFiles;
import statelab.harness.results.RunStatistics;
import statelab.harness.results.RunSummary;
import statelab.harness.results.WindowStatistics;
import statelab.harness.results.WordLatency;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * A walk: one variant in one JVM through several state sizes, each measured as a point. One point alone is a
 * measured run in a JVM of its own ({@link Experiment}).
 *
 * <p>Phases, on the load generator's schedule (which starts when the variant connects):
 * <ol>
 *   <li>fill: the first point's keys are sent once each, so the state holds exactly that many;</li>
 *   <li>warm-up: random words over those keys at the rate, batches recorded but not measured, for at least
 *       {@code warmupMs};</li>
 *   <li>for each point: a key step grows the state to the point's keys (its new keys sent once each, at most
 *       {@code maxFillMs} long (20 s by default); the first point's fill was phase 1); the walk waits until the
 *       variant has worked off what the fill left queued (at most {@link RunSettings#MAX_CATCH_UP_MS}), then
 *       measures {@code windows} windows that share {@code measureMs}; a staircase of rates may follow
 *       ({@link Staircase}). A point that falls behind ends the walk, unless the walk must reach
 *       {@code walkAtLeastKeys} and the variant catches up again before the next step;</li>
 *   <li>drain and verify, once: the stream ends, every key is sent once more, the sink collects the final
 *       totals, and they are compared word by word with the load generator's ledger. The outcome is every
 *       point's.</li>
 * </ol>
 * Each point's files are written as soon as it is measured (outcome {@code FAILED}, "the walk did not finish")
 * and again with the walk's outcome at its end, so an interrupted walk keeps what it measured and reports
 * nothing as verified that was not.
 */
public final class Walk {

    /** The counts note of a run stopped at the end of its window because it was falling behind. */
    public static final String QUIT_NOTE = "not verified: fell behind; stopped at the end of the measured window "
            + "without draining (measured: the batches that completed inside the window)";
    /** The counts note of a point whose walk has not (yet) reached its final count. */
    public static final String UNFINISHED_NOTE = "not verified: the walk did not finish (its final count comes "
            + "after its last point)";

    /** What one measured point leaves for the files and the summary. */
    private record Point(RunSettings settings, long startMs, long fillEndMs, long fromMs, long toMs,
                         List<long[]> windows, boolean behind, double lagP99Ms, List<RunSummary.Step> steps,
                         List<long[]> stepWindows, long endMs, long stateBytes) {
    }

    private Walk() {
    }

    /**
     * Where a point's files go: the walk's directory itself for a point measured alone, else
     * {@code runs/<label>-<keys>keys/} below it (as a sweep's runs).
     */
    public static Path pointDirectory(Path dir, RunSettings point) {
        return point.alone() ? dir : dir.resolve("runs").resolve(RunSummary.directoryName(point.label(),
                point.keys()));
    }

    /**
     * Walks {@code points} (one variant, increasing keys, the same walk) in this JVM; returns each measured
     * point's summary (a walk that stops early measures fewer).
     *
     * @param walkAtLeastKeys walk on to this many keys even after a point fell behind (0: stop at the first)
     */
    public static List<RunSummary> run(List<RunSettings> points, long walkAtLeastKeys, Path dir, PrintStream log)
            throws Exception {
        checkWalk(points);
        RunSettings first = points.get(0);
        HeapEstimate.require(first.variant(), points.get(points.size() - 1).keys(), Runtime.getRuntime().maxMemory(),
                "this JVM");
        OutputDirs.prepare(dir);
        Variant variant = Variants.byName(first.variant());
        long batchMs = first.batchMs();
        long maxLoadMs = points.stream().mapToLong(RunSettings::maxLoadMs).sum();
        // The stream is ended by the walk (when its points are done); the duration only bounds it.
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0)
                .rateLinesPerSec(first.shape().rateLinesPerSec()).wordsPerLine(first.shape().wordsPerLine())
                .keys(first.keys()).seed(first.shape().seed()).fill(true)
                .fillRateLinesPerSec(first.fillRateLinesPerSec())
                .duration(Duration.ofMillis(maxLoadMs)).finalSweep(true).build();
        String startedAt = Instant.now().toString();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            BatchRecorder recorder = BatchRecorder.of(first.shape().wordsPerLine(), generator);
            VerifyingSink sink = new VerifyingSink();
            RunSpec.Builder spec = RunSpec.builder(first.variant()).master(first.effectiveMaster())
                    .source(first.shape().source()).port(generator.port()).batchMs(batchMs)
                    .partitions(first.shape().partitions())
                    .checkpointEveryBatches(first.checkpointEveryBatches()).sparkConf(first.shape().sparkConf())
                    .listener(recorder);
            first.effectiveOptions().forEach(spec::option);
            log.printf("%s: %s at %,d words/s, %d windows of %.1f s per point%n", first.label(),
                    points.size() == 1 ? String.format("%,d keys", first.keys()) : "walk " + first.walkKeys()
                            + " keys", first.rateWordsPerS(), first.windows(), first.windowMs() / 1000.0);
            RunningJob job = variant.start(spec.build(), sink);
            Watch watch = new Watch(first.label(), batchMs, job, recorder, log);
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
                    throw new IllegalStateException(first.variant() + " did not connect to the load generator");
                }
                long connectedMs = generator.ledger(false).clients().get(0).connectedAtEpochMs();
                long fillEndMs = connectedMs + first.fillMs();
                log.printf("  fill %,d keys (%.1f s), warm-up at least %.1f s%n", first.keys(),
                        first.fillMs() / 1000.0, first.warmupMs() / 1000.0);
                watch.waitUntil(fillEndMs + first.warmupMs());
                List<Point> measured = new ArrayList<>();
                boolean stopped = false;
                for (int i = 0; i < points.size() && !stopped; i++) {
                    RunSettings point = points.get(i);
                    long startMs = i == 0 ? connectedMs : System.currentTimeMillis();
                    if (i > 0) {
                        fillEndMs = grow(point, generator, watch, log);
                    }
                    boolean oneIntervalBatches = variant.batchHoldsOneInterval(point.shape().source());
                    Path profile = point.profile()
                            ? pointDirectory(dir, point).resolve(ProfileSummary.RECORDING) : null;
                    Point done = measure(point, startMs, fillEndMs, oneIntervalBatches, generator, watch, profile,
                            log);
                    measured.add(done);
                    writePoint(dir, done, i == 0, recorder.batches(), startedAt, variant, generator,
                            Outcome.FAILED, UNFINISHED_NOTE, -1);
                    if (done.behind()) {
                        boolean more = i + 1 < points.size() && points.get(i + 1).keys() <= walkAtLeastKeys;
                        stopped = !more || !watch.awaitDrained(System.currentTimeMillis(),
                                RunSettings.MAX_CATCH_UP_MS, () -> false);
                        if (stopped && i + 1 < points.size()) {
                            log.printf("%s: behind at %,d keys: the walk ends here%n", first.label(), point.keys());
                        }
                    }
                }
                Point last = measured.get(measured.size() - 1);
                finish(dir, measured, last.behind() && last.settings().quitWhenBehind(), variant, generator, recorder,
                        sink, watch, startedAt, log);
                List<RunSummary> summaries = new ArrayList<>();
                for (Point point : measured) {
                    summaries.add(Json.read(pointDirectory(dir, point.settings()).resolve(Json.SUMMARY_FILE),
                            RunSummary.class));
                }
                return summaries;
            } finally {
                job.stop(false);
            }
        }
    }

    /** The points of one walk: one variant and load, their keys the walk's keys in order. */
    private static void checkWalk(List<RunSettings> points) {
        require(!points.isEmpty(), "nothing to walk");
        RunSettings first = points.get(0);
        for (RunSettings point : points) {
            point.validate();
            RunSettings asFirst = point.toBuilder().keys(first.keys()).steps(first.steps()).build();
            require(asFirst.equals(first), "the points of a walk differ in more than their keys: " + point + " and "
                    + first);
        }
        require(points.stream().map(RunSettings::keys).toList().equals(first.walkKeys()), "the points "
                + points.stream().map(RunSettings::keys).toList() + " are not the walk's keys " + first.walkKeys());
    }

    /** A key step to the point's keys; waits until its new keys were sent and returns when that was. */
    private static long grow(RunSettings point, LoadGenerator generator, Watch watch, PrintStream log)
            throws InterruptedException {
        LoadGenerator.KeyStep step = generator.growKeys(point.keys(), point.fillRateLinesPerSec());
        log.printf("  key step to %,d keys from line %,d: %,d new keys first (%.1f s)%n", point.keys(),
                step.startLine(), point.keys() - step.fromKeys(), point.fillMs() / 1000.0);
        long giveUpMs = System.currentTimeMillis() + 3 * point.fillMs() + RunSettings.MAX_CATCH_UP_MS;
        while (distinctKeysSent(generator) < point.keys()) {
            if (System.currentTimeMillis() > giveUpMs) {
                throw new IllegalStateException(point.variant() + " did not take in the new keys of the step to "
                        + point.keys() + " keys in time");
            }
            watch.waitUntil(System.currentTimeMillis() + 100);
        }
        return System.currentTimeMillis();
    }

    private static long distinctKeysSent(LoadGenerator generator) {
        var clients = generator.status().clients();
        return clients.isEmpty() ? 0 : clients.get(0).distinctKeys();
    }

    /**
     * Waits until the point's fill is worked off, then measures its windows (and its staircase); with
     * {@code profile} (else null) records the windows with Flight Recorder into that file ({@link Profile}).
     */
    private static Point measure(RunSettings point, long startMs, long fillEndMs, boolean oneIntervalBatches,
                                 LoadGenerator generator, Watch watch, Path profile, PrintStream log)
            throws InterruptedException, IOException {
        long batchMs = point.batchMs();
        long fromMs = awaitCaughtUp(fillEndMs, oneIntervalBatches, watch, batchMs, log);
        long toMs = fromMs + point.measureMs();
        log.printf("  %,d keys: measuring %d windows from %.1f s after the fill%n", point.keys(), point.windows(),
                (fromMs - fillEndMs) / 1000.0);
        Histogram lagBefore = generator.lagHistogramMicros();
        List<long[]> windows = new ArrayList<>();
        for (int w = 0; w < point.windows(); w++) {
            long windowTo = w == point.windows() - 1 ? toMs : fromMs + (w + 1) * point.windowMs();
            windows.add(new long[] {fromMs + w * point.windowMs(), windowTo});
        }
        if (profile == null) {
            watch.waitUntil(toMs);
        } else {
            watch.waitUntil(fromMs);
            try (Profile recording = Profile.start(point.label() + "-" + point.keys() + "keys")) {
                watch.waitUntil(toMs);
                OutputDirs.prepare(profile.getParent());
                recording.stopInto(profile);
            }
            ProfileSummary summary = ProfileSummary.writeBeside(profile);
            log.printf("  %,d keys: profile %s (%,d CPU samples, %,d in native code)%n", point.keys(), profile,
                    summary.samples(), summary.nativeSamples());
        }
        boolean behind = watch.fallingBehind(fromMs, toMs);
        // The windows' own lag: the fill's backlog, on a pulled source seconds long, is not theirs.
        double lagP99Ms = lagP99MsSince(lagBefore, generator);
        long stateBytes = lastStateBytes(watch.batches(), toMs);
        Staircase staircase = new Staircase(point, generator, watch, log);
        List<RunSummary.Step> steps = List.of();
        if (!behind && point.steps() != null) {
            long medianMs = RunStatistics.of(BatchWindows.startedIn(watch.batches(), fromMs, toMs), batchMs)
                    .medianProcessingMs();
            steps = staircase.run(medianMs);
        }
        return new Point(point, startMs, fillEndMs, fromMs, toMs, windows, behind, lagP99Ms, steps,
                staircase.windows(), System.currentTimeMillis(), stateBytes);
    }

    /** The state bytes of the last batch that started before {@code beforeMs} (-1 when the engine reports none). */
    private static long lastStateBytes(List<BatchMetrics> batches, long beforeMs) {
        long bytes = -1;
        for (BatchMetrics b : batches) {
            if (b.batchTimeMs() < beforeMs) {
                bytes = b.stateBytes();
            }
        }
        return bytes;
    }

    /** Ends the stream and verifies the final counts (or not, when the walk quit behind); writes every point. */
    private static void finish(Path dir, List<Point> points, boolean quit, Variant variant, LoadGenerator generator,
                               BatchRecorder recorder, VerifyingSink sink, Watch watch, String startedAt,
                               PrintStream log) throws Exception {
        RunSettings last = points.get(points.size() - 1).settings();
        long loadEndMs = System.currentTimeMillis();
        Outcome outcome;
        String note;
        if (quit) {
            outcome = Outcome.STOPPED_BEHIND;
            note = QUIT_NOTE;
            log.printf("%s: falling behind at the end of the measured window: stopping without draining%n",
                    last.label());
        } else {
            if (variant.runningTotals()) {
                sink.armFrom(loadEndMs);
            }
            generator.endStreams();
            generator.awaitStreamsDone(Duration.ofSeconds(120));
            LedgerSnapshot.ClientSnapshot ledger = generator.ledger(variant.runningTotals()).clients().get(0);
            boolean caughtUp = variant.runningTotals()
                    ? sink.awaitTotals(ledger.totalWords(), ledger.distinctKeys(), last.verifyTimeoutMs(),
                            recorder::size)
                    : watch.awaitLines(ledger.totalLines(), last.verifyTimeoutMs());
            if (caughtUp) {
                watch.awaitMetricsOfBatchEndingAfter(System.currentTimeMillis() - 100);
            }
            note = variant.runningTotals()
                    ? Verification.totals(caughtUp, sink.totals(), ledger.counts(), recorder.batches(),
                            last.verifyTimeoutMs())
                    : Verification.lines(caughtUp, ledger.totalLines(), recorder.batches());
            outcome = note == null ? Outcome.VERIFIED : Outcome.FAILED;
        }
        long verifyMs = System.currentTimeMillis() - loadEndMs;
        List<BatchMetrics> batches = recorder.batches();
        for (Point point : points) {
            boolean lastPoint = point == points.get(points.size() - 1);
            String pointNote = note == null ? "" : quit && !lastPoint ? "not verified: the walk fell behind at "
                    + String.format("%,d", last.keys()) + " keys and stopped there without draining" : note;
            writePoint(dir, point, point == points.get(0), batches, startedAt, variant, generator, outcome,
                    pointNote, lastPoint ? verifyMs : -1);
        }
        if (points.size() > 1) {
            Path walkDir = dir.resolve("walks").resolve(last.label());
            Files.createDirectories(walkDir);
            RunFiles.writeCsv(walkDir.resolve("batches.csv"), batches, b -> phase(b, points, Long.MAX_VALUE));
        }
        RunSummary summary = Json.read(pointDirectory(dir, last).resolve(Json.SUMMARY_FILE), RunSummary.class);
        log.printf("%s: counts %s (%.1f s after the load)%n", last.label(), summary.countsVerified() ? "verified"
                : "NOT verified (" + summary.countsNote() + ")", verifyMs / 1000.0);
    }

    /**
     * A point's batches.csv (its own batches: from its key step, or the start for the first point, to its end, or
     * the drain's end for the last), its .hlog files and summary.json with {@code outcome}. {@code verifyMs}: the
     * walk's verification time for its last point, -1 for the others (and before the walk ended).
     */
    private static void writePoint(Path dir, Point point, boolean firstPoint, List<BatchMetrics> batches,
                                   String startedAt, Variant variant, LoadGenerator generator, Outcome outcome,
                                   String note, long verifyMs) throws IOException {
        RunSettings settings = point.settings();
        long batchMs = settings.batchMs();
        Path pointDir = pointDirectory(dir, settings);
        OutputDirs.prepare(pointDir);
        List<List<BatchMetrics>> windows = new ArrayList<>();
        List<BatchMetrics> measuredBatches = new ArrayList<>();
        for (long[] window : point.windows()) {
            List<BatchMetrics> in = BatchWindows.measuredIn(batches, window[0], window[1], point.behind());
            windows.add(in);
            measuredBatches.addAll(in);
        }
        boolean lastPoint = verifyMs >= 0;
        List<BatchMetrics> own = batches.stream().filter(b -> (firstPoint || b.batchTimeMs() >= point.startMs())
                && (lastPoint || b.batchTimeMs() < point.endMs())).toList();
        RunFiles.writeCsv(pointDir.resolve("batches.csv"), own, b -> measuredBatches.contains(b)
                ? RunFiles.Phase.MEASURE : phase(b, List.of(point), lastPoint ? Long.MAX_VALUE : point.endMs()));
        RunFiles.writeHistogramLogs(pointDir, measuredBatches, batchMs);
        LedgerSnapshot.ClientSnapshot ledger = generator.ledger(false).clients().get(0);
        WordLatency.Figures latency = wordLatency(pointDir, batches, measuredBatches, settings, variant, generator,
                ledger.totalLines(), outcome);
        RunSummary summary = settings.summary().startedAt(startedAt)
                .statistics(WindowStatistics.of(windows, batchMs), settings.windowMs(), batchMs)
                .outcome(outcome, note)
                .wordsSent(ledger.totalWords()).distinctKeys(settings.keys()).stateBytesAtEnd(point.stateBytes())
                .loadgenLagP99Ms(point.lagP99Ms()).windowStartAfterFillMs(point.fromMs() - point.fillEndMs())
                .steps(point.steps()).verifyMs(verifyMs).latency(latency)
                .progress(ProgressSummary.of(measuredBatches)).build();
        Json.write(pointDir.resolve(Json.SUMMARY_FILE), summary);
    }

    /**
     * The end-to-end latency of the measured batches' words ({@link WordLatency}): writes {@code latencyMs.hlog}
     * (an interval per batch, its words' latencies) and returns the figures. Line ranges are counted over all the
     * run's batches, so that a socket's batches can be placed from its first line on; where they cannot be (a socket
     * run whose counts differ from the ledger lost or repeated lines), the figures are unknown and say why.
     */
    private static WordLatency.Figures wordLatency(Path pointDir, List<BatchMetrics> runBatches,
                                                   List<BatchMetrics> measured, RunSettings settings, Variant variant,
                                                   LoadGenerator generator, long linesSent, Outcome outcome)
            throws IOException {
        java.util.Set<BatchMetrics> inWindows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        inWindows.addAll(measured);
        List<WordLatency.BatchLines> measuredLines = WordLatency.lineRanges(runBatches, variant::batchOutputAtMs)
                .stream().filter(b -> inWindows.contains(b.batch())).toList();
        int wordsPerLine = settings.shape().wordsPerLine();
        String unattributable = WordLatency.unattributable(settings.shape().source(), outcome, measuredLines,
                linesSent);
        Files.deleteIfExists(pointDir.resolve(RunFiles.LATENCY_LOG));
        if (unattributable != null) {
            return WordLatency.Figures.unknown(unattributable);
        }
        RunFiles.writeLatencyLog(pointDir.resolve(RunFiles.LATENCY_LOG), measuredLines, wordsPerLine,
                generator::dueEpochMs);
        return WordLatency.of(measuredLines, wordsPerLine, generator::dueEpochMs);
    }

    /** A batch's phase in a walk: measured in a point's windows, a staircase's step, warm-up before, drain after. */
    private static RunFiles.Phase phase(BatchMetrics b, List<Point> points, long untilMs) {
        for (Point point : points) {
            if (point.windows().stream().anyMatch(w -> b.batchTimeMs() >= w[0] && b.batchTimeMs() < w[1])) {
                return RunFiles.Phase.MEASURE;
            }
            if (BatchWindows.inAny(b, point.stepWindows())) {
                return RunFiles.Phase.STEP;
            }
        }
        Point last = points.get(points.size() - 1);
        return b.batchTimeMs() >= last.endMs() && untilMs == Long.MAX_VALUE ? RunFiles.Phase.DRAIN
                : RunFiles.Phase.WARMUP;
    }

    /**
     * Waits until the variant has worked off what the fill left queued: a batch started after the fill completed
     * with a scheduling delay of at most half an interval. Gives up after {@link RunSettings#MAX_CATCH_UP_MS} (the
     * windows then show a variant falling behind), or earlier for a variant whose batches hold one interval of input
     * ({@link statelab.core.Variant#batchHoldsOneInterval}) when its last {@value BatchWindows#BEHIND_BATCHES}
     * batches after the fill each took longer than the interval: such a backlog can only grow. Returns when the first
     * window starts.
     */
    private static long awaitCaughtUp(long fillEndMs, boolean oneIntervalBatches, Watch watch, long batchMs,
            PrintStream log)
            throws InterruptedException {
        BooleanSupplier cannotCatchUp = () -> oneIntervalBatches
                && BatchWindows.slowerThanInterval(watch.batches(), fillEndMs, batchMs);
        if (!watch.awaitDrained(fillEndMs, RunSettings.MAX_CATCH_UP_MS, cannotCatchUp)) {
            log.printf(cannotCatchUp.getAsBoolean()
                    ? "  the last " + BatchWindows.BEHIND_BATCHES + " batches each took longer than the interval: "
                            + "measuring now%n"
                    : "  not caught up " + RunSettings.MAX_CATCH_UP_MS / 1000 + " s after the fill: measuring "
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
