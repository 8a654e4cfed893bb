package statelab.harness.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import statelab.core.Source;
import statelab.harness.measure.Climb;
import statelab.harness.measure.RunSettings;
import statelab.harness.measure.RunShape;
import statelab.harness.measure.Sweep;
import statelab.harness.measure.Walk;
import statelab.harness.report.Report;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.RunSummary;

/**
 * The demo's lessons in numbers, after the chapter: the anti-pattern's climb beside mapWithState at the same
 * load ({@code DIR/climb}), then one walk each of update-state, map-with-state and structured through
 * {@link #WALK_KEYS} keys ({@code DIR/walk}), with their reports, and the verdicts in words.
 */
public final class DemoMeasurements {

    /**
     * The climb, as notebook 05 runs it: about 18,000 new table rows a batch, each batch re-reading all of them.
     * On the socket receiver the anti-pattern starts close to the 1 s interval at this load: in five demo runs on
     * this machine it crossed it at batch 1, 3, 3, 9 and 32, and fell behind every time. The climb ends once it is
     * behind beyond doubt (at the earliest after 20 batches), else after 50. mapWithState beside it at the same
     * load for fewer batches, enough to show it flat.
     */
    static final long CLIMB_KEYS = 100_000;
    static final long CLIMB_RATE_WORDS_PER_S = 20_000;
    static final long CLIMB_BATCH_MS = 1_000;
    static final int CLIMB_BATCHES = 50;
    static final int CLIMB_BATCHES_BESIDE = 10;
    /** The chapter's socket receiver: it takes a core of its own beside the two that process, as in the chapter. */
    static final Source CLIMB_SOURCE = Source.SOCKET;

    /** The walk: from a small state to one where updateStateByKey's every-key cost shows. */
    static final List<String> WALK_VARIANTS = List.of("update-state", "map-with-state", "structured");
    static final List<Long> WALK_KEYS = List.of(10_000L, 150_000L);
    static final long WALK_RATE_WORDS_PER_S = 10_000;
    /**
     * Half-second batches: updateStateByKey goes through every key each batch (on this machine about 1.7 us a
     * key), so at 150,000 keys its batches take several times mapWithState's and still keep up; three windows of
     * five batches (the least a window may be), each holding a whole state checkpoint cycle.
     */
    static final long WALK_BATCH_MS = 500;
    static final int WALK_CHECKPOINT_EVERY = 5;
    static final long WALK_MEASURE_MS = 7_500;
    static final long WALK_WARMUP_MS = 2_000;
    /**
     * A key step's new keys sent within 5 s (140,000 keys: 28,000 words a second for those 5 s, instead of the
     * load's 10,000): the walk then waits for the backlog to be worked off before it measures, as at any key step.
     */
    static final long WALK_MAX_FILL_MS = 5_000;

    private DemoMeasurements() {
    }

    /** Measures into {@code dir}, prints the verdicts; true when every lesson holds. */
    public static boolean run(Path dir, PrintStream out) throws Exception {
        out.printf("%nThe anti-pattern, batch after batch: %,d words/s over %,d keys, %d ms batches, on Spark's %s "
                + "receiver%n", CLIMB_RATE_WORDS_PER_S, CLIMB_KEYS, CLIMB_BATCH_MS, CLIMB_SOURCE.label());
        RunShape climbShape = RunShape.builder("table-reaggregation").source(CLIMB_SOURCE).keys(CLIMB_KEYS)
                .rateWordsPerS(CLIMB_RATE_WORDS_PER_S).batchMs(CLIMB_BATCH_MS).build();
        Path climbDir = dir.resolve("climb");
        ClimbSummary table = Climb.run(List.of("table-reaggregation"), climbShape, CLIMB_BATCHES, true,
                climbDir.resolve("table"), out);
        ClimbSummary beside = Climb.run(List.of("map-with-state"), climbShape, CLIMB_BATCHES_BESIDE,
                climbDir.resolve("map"), out);
        List<ClimbSummary.Climb> both = new ArrayList<>(table.climbs());
        both.addAll(beside.climbs());
        ClimbSummary climb = new ClimbSummary(ClimbSummary.FORMAT, CLIMB_KEYS, CLIMB_RATE_WORDS_PER_S,
                CLIMB_BATCH_MS, CLIMB_BATCHES, both);
        climb.write(climbDir);
        Report.write(climbDir);

        out.printf("%nWhat the state costs: each variant walks from %,d to %,d keys in one JVM, %,d words/s, "
                + "%d ms batches, each point measured as 3 windows%n", WALK_KEYS.get(0),
                WALK_KEYS.get(WALK_KEYS.size() - 1), WALK_RATE_WORDS_PER_S, WALK_BATCH_MS);
        Path walkDir = dir.resolve("walk");
        List<RunSummary> points = new ArrayList<>();
        for (String variant : WALK_VARIANTS) {
            List<RunSettings> walk = new ArrayList<>();
            for (long keys : WALK_KEYS) {
                walk.add(RunSettings.builder(variant).keys(keys).walkKeys(WALK_KEYS)
                        .rateWordsPerS(WALK_RATE_WORDS_PER_S).batchMs(WALK_BATCH_MS).warmupMs(WALK_WARMUP_MS)
                        .measureMs(WALK_MEASURE_MS).checkpointEveryBatches(WALK_CHECKPOINT_EVERY)
                        .maxFillMs(WALK_MAX_FILL_MS).verifyTimeoutMs(45_000).build());
            }
            points.addAll(Walk.run(walk, WALK_KEYS.get(WALK_KEYS.size() - 1), walkDir, out));
            Sweep.record(walkDir, walk.get(0), points);
        }
        Report.write(walkDir);
        out.println();
        out.print(Report.markdown(walkDir));
        out.println();
        boolean all = true;
        for (Verdicts.Verdict verdict : Verdicts.of(climb, points)) {
            out.printf("%s %s%n    %s%n", verdict.holds() ? "[shown]" : "[NOT shown]", verdict.lesson(),
                    verdict.seen());
            all &= verdict.holds();
        }
        out.println("report: " + dir.resolve("climb/report.html").toAbsolutePath() + " and "
                + dir.resolve("walk/report.html").toAbsolutePath());
        return all;
    }
}
