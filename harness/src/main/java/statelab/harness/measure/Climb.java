package statelab.harness.measure;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import statelab.core.BatchMetrics;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.harness.results.ClimbRule;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.RunFiles;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * A climb: each variant in turn runs at one load, batch after batch. It starts on a trickle (one line a batch)
 * until it has worked off its start (a fresh job's first batches are slow: a batch that waited at most half an
 * interval), then the load generator goes to the climb's rate and the variant runs until it has completed
 * {@code maxBatches} batches at that rate or its scheduling delay passed {@value #GIVE_UP_AFTER_INTERVALS}
 * intervals (it fell behind for good), or, when asked to end once behind, until it has fallen behind beyond doubt
 * ({@link ClimbRule#behindBeyondDoubt}). Its batches, numbered from the first with input (the batches appended),
 * show whether a batch's cost grows with the batches before it: the chapter's table re-aggregation reads every
 * batch ever appended, Spark's state does not. Words are drawn from all keys from the start (no fill).
 * Nothing is drained or verified: a climb that falls behind only falls further (the counts of every variant are
 * verified by the measured runs).
 */
public final class Climb {

    /** A scheduling delay of this many intervals ends a climb: it has fallen behind for good. */
    static final int GIVE_UP_AFTER_INTERVALS = 20;
    /** How long a climb waits for the variant to work off its start before it counts anyway. */
    static final long START_MS = 120_000;

    private Climb() {
    }

    /**
     * Climbs {@code variants} one after the other into {@code dir}, each with {@code shape}'s load and source (its
     * variant aside; a variant that cannot read that source reads its default).
     */
    public static ClimbSummary run(List<String> variants, RunShape shape, int maxBatches, Path dir, PrintStream log)
            throws Exception {
        return run(variants, shape, maxBatches, false, dir, log);
    }

    /** As {@link #run(List, RunShape, int, Path, PrintStream)}; {@code endOnceBehind}: a climb behind beyond doubt
     * ends there, before its {@code maxBatches}. */
    public static ClimbSummary run(List<String> variants, RunShape shape, int maxBatches, boolean endOnceBehind,
                                   Path dir, PrintStream log) throws Exception {
        OutputDirs.prepare(dir);
        List<ClimbSummary.Climb> climbs = new ArrayList<>();
        for (String variant : variants) {
            Source source = Variants.byName(variant).sources().contains(shape.source()) ? shape.source() : null;
            RunShape one = RunShape.builder(variant).source(source).keys(shape.keys())
                    .rateWordsPerS(shape.rateWordsPerS())
                    .wordsPerLine(shape.wordsPerLine()).batchMs(shape.batchMs()).cores(shape.cores())
                    .partitions(shape.partitions()).seed(shape.seed()).build();
            one.validate();
            climbs.add(climb(one, maxBatches, endOnceBehind, dir.resolve("runs").resolve(one.label()), log));
        }
        ClimbSummary summary = new ClimbSummary(ClimbSummary.FORMAT, shape.keys(), shape.rateWordsPerS(),
                shape.batchMs(), maxBatches, climbs);
        summary.write(dir);
        return summary;
    }

    private static ClimbSummary.Climb climb(RunShape shape, int maxBatches, boolean endOnceBehind, Path runDir,
                                            PrintStream log) throws Exception {
        OutputDirs.prepare(runDir);
        Variant variant = Variants.byName(shape.variant());
        long batchMs = shape.batchMs();
        double trickle = 1000.0 / batchMs; // one line a batch, while the job warms up
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(trickle)
                .wordsPerLine(shape.wordsPerLine()).keys(shape.keys()).seed(shape.seed()).build();
        log.printf("%s: %,d words/s over %,d keys, %d ms batches, up to %d batches%n", shape.label(),
                shape.rateWordsPerS(), shape.keys(), batchMs, maxBatches);
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            BatchRecorder recorder = BatchRecorder.of(shape.wordsPerLine(), generator);
            RunSpec.Builder spec = RunSpec.builder(shape.variant()).master(shape.localMaster()).source(shape.source())
                    .port(generator.port()).batchMs(batchMs).partitions(shape.partitions()).sparkConf(shape.sparkConf())
                    .listener(recorder);
            shape.measuredOptions().forEach(spec::option);
            RunningJob job = variant.start(spec.build(), new VerifyingSink());
            Watch watch = new Watch(shape.label(), batchMs, job, recorder, log);
            long climbFromMs = Long.MAX_VALUE;
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
                    throw new IllegalStateException(shape.variant() + " did not connect to the load generator");
                }
                if (!watch.awaitDrained(System.currentTimeMillis(), START_MS, () -> false)) {
                    log.printf("%s: not caught up %d s after it started: climbing from there%n", shape.label(),
                            START_MS / 1000);
                }
                generator.setRateLinesPerSec(shape.rateLinesPerSec());
                climbFromMs = System.currentTimeMillis();
                int fromBatch = withInput(recorder.batches()).size();
                long giveUpMs = System.currentTimeMillis() + 3L * maxBatches * batchMs + 60_000;
                while (System.currentTimeMillis() < giveUpMs) {
                    List<BatchMetrics> batches = withInput(recorder.batches());
                    BatchMetrics last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
                    if (batches.size() >= fromBatch + maxBatches
                            || last != null && last.schedulingDelayMs() > GIVE_UP_AFTER_INTERVALS * batchMs
                            || endOnceBehind && ClimbRule.behindBeyondDoubt(climbOf(shape, batches, climbFromMs),
                                    batchMs)) {
                        break;
                    }
                    watch.waitUntil(System.currentTimeMillis() + 200);
                }
            } finally {
                job.stop(false);
            }
            List<BatchMetrics> batches = withInput(recorder.batches());
            RunFiles.writeCsv(runDir.resolve("batches.csv"), batches, b -> RunFiles.Phase.MEASURE);
            ClimbSummary.Climb climb = climbOf(shape, batches, climbFromMs);
            log.printf("%s: %d batches, processing %,d ms at first, %,d ms at the end (%+.1f ms per batch), %s%n",
                    shape.label(), climb.batches().size(), climb.firstProcessingMs(), climb.lastProcessingMs(),
                    climb.processingSlopeMsPerBatch(), climb.crossedAtBatch() < 0 ? "within the interval"
                            : "over the interval from batch " + climb.crossedAtBatch()
                                    + (climb.fellBehind() ? ", falling behind" : ""));
            return climb;
        }
    }

    /** The climb so far: its batches with input numbered from 1, climbing from the first at the climb's rate. */
    private static ClimbSummary.Climb climbOf(RunShape shape, List<BatchMetrics> batches, long climbFromMs) {
        List<ClimbSummary.Batch> numbered = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            BatchMetrics b = batches.get(i);
            numbered.add(new ClimbSummary.Batch(i + 1, b.batchTimeMs(), b.inputLines(), b.processingMs(),
                    b.schedulingDelayMs()));
        }
        return ClimbRule.of(shape.label(), numbered, firstAtRate(numbered, climbFromMs), shape.batchMs());
    }

    /** The number of the first batch at the climb's rate (due after the rate went up): where the climb starts. */
    private static int firstAtRate(List<ClimbSummary.Batch> batches, long climbFromMs) {
        return batches.stream().filter(b -> b.batchTimeMs() > climbFromMs).mapToInt(ClimbSummary.Batch::number)
                .findFirst().orElse(1);
    }

    /** The batches from the first one with input on (the ones before it waited for the source to connect). */
    private static List<BatchMetrics> withInput(List<BatchMetrics> batches) {
        int first = 0;
        while (first < batches.size() && batches.get(first).inputLines() <= 0) {
            first++;
        }
        return batches.subList(first, batches.size());
    }
}
