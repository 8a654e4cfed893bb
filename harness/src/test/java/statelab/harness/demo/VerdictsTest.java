package statelab.harness.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.harness.results.ClimbRule;
import statelab.harness.results.ClimbSummary;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/** The demo's verdicts on recorded batches and points: each lesson shown only when the numbers show it. */
class VerdictsTest {

    private static final long BATCH_MS = 500;

    /** A climb whose processing starts at {@code firstMs} and grows by {@code growthMs} per batch. */
    private static ClimbSummary.Climb climb(String variant, long firstMs, long growthMs, int batches) {
        List<ClimbSummary.Batch> recorded = new ArrayList<>();
        long delay = 0;
        for (int i = 1; i <= batches; i++) {
            long processing = firstMs + (i - 1) * growthMs;
            recorded.add(new ClimbSummary.Batch(i, i * BATCH_MS, 2_000, processing, delay));
            delay = Math.max(0, delay + processing - BATCH_MS); // a batch longer than the interval delays the next
        }
        return ClimbRule.of(variant, recorded, 1, BATCH_MS);
    }

    private static ClimbSummary climbs(ClimbSummary.Climb... climbs) {
        return new ClimbSummary(ClimbSummary.FORMAT, 1_000, 20_000, BATCH_MS, 80, List.of(climbs));
    }

    private static RunSummary point(String variant, long keys, long medianMs, long minMs, long maxMs,
                                    boolean verified) {
        return RunSummary.builder().variant(variant).source("socket").keys(keys).walkKeys(List.of(10_000L, keys))
                .batchMs(1000).medianProcessingMs(medianMs).medianProcessingMinMs(minMs)
                .medianProcessingMaxMs(maxMs).outcome(verified ? Outcome.VERIFIED : Outcome.FAILED, "").build();
    }

    @Test
    void theAntiPatternClimbsPastTheIntervalAndFallsBehindWhileMapWithStateStaysFlat() {
        ClimbSummary.Climb table = climb("table-reaggregation", 250, 8, 80);
        ClimbSummary.Climb map = climb("map-with-state", 120, 0, 80);

        assertThat(table.crossedAtBatch()).isEqualTo(33); // 250 + 32 * 8 = 506 ms > 500: batches 33, 34, 35
        assertThat(table.fellBehind()).isTrue();
        assertThat(map.crossedAtBatch()).isEqualTo(-1);
        Verdicts.Verdict verdict = Verdicts.antiPattern(climbs(table, map));
        assertThat(verdict.holds()).isTrue();
        assertThat(verdict.seen()).contains("over the interval from batch 33", "FALLING BEHIND",
                "map-with-state: 120 ms at first, 120 ms after 80 batches, within the 500 ms interval");
    }

    @Test
    void aFlatAntiPatternOrASlowMapWithStateDoesNotShowTheLesson() {
        ClimbSummary.Climb flat = climb("table-reaggregation", 250, 0, 80);
        assertThat(Verdicts.antiPattern(climbs(flat, climb("map-with-state", 120, 0, 80))).holds()).isFalse();
        // Over the interval from the start but never growing: behind, yet the map-with-state side must keep up.
        ClimbSummary.Climb slowMap = climb("map-with-state", 600, 0, 80);
        assertThat(Verdicts.antiPattern(climbs(climb("table-reaggregation", 250, 8, 80), slowMap)).holds())
                .isFalse();
        assertThat(Verdicts.antiPattern(climbs(climb("table-reaggregation", 250, 8, 80))).seen())
                .isEqualTo("not measured");
    }

    @Test
    void updateStateMustBeAtLeastTwoAndAHalfTimesMapWithStateAtTheLargestState() {
        List<RunSummary> shown = List.of(point("update-state", 10_000, 210, 200, 230, true),
                point("map-with-state", 10_000, 130, 120, 140, true),
                point("update-state", 1_000_000, 930, 900, 1_010, true),
                point("map-with-state", 1_000_000, 170, 160, 200, true));
        Verdicts.Verdict verdict = Verdicts.updateOverMap(shown);
        assertThat(verdict.holds()).isTrue();
        assertThat(verdict.seen()).isEqualTo("at 1,000,000 keys: updateStateByKey 930 ms, mapWithState 170 ms per "
                + "batch: 5.5x (4.5..6.3 over their windows)");

        List<RunSummary> close = List.of(point("update-state", 1_000_000, 400, 380, 420, true),
                point("map-with-state", 1_000_000, 170, 160, 200, true));
        assertThat(Verdicts.updateOverMap(close).holds()).isFalse(); // 2.4x
        assertThat(Verdicts.updateOverMap(List.of(point("map-with-state", 1_000_000, 170, 160, 200, true))).holds())
                .isFalse();
    }

    @Test
    void everyPointMustBeVerified() {
        assertThat(Verdicts.counts(List.of(point("update-state", 10_000, 1, 1, 1, true))).holds()).isTrue();
        Verdicts.Verdict wrong = Verdicts.counts(List.of(point("update-state", 10_000, 1, 1, 1, true),
                point("map-with-state", 10_000, 1, 1, 1, false)));
        assertThat(wrong.holds()).isFalse();
        assertThat(wrong.seen()).isEqualTo("1 of 2 points NOT verified");
        assertThat(Verdicts.counts(List.of()).holds()).isFalse();
    }

    /** The climb and the walks of one real `./lab demo` run (runs/demo-TIME/climb and walk, kept as they were). */
    @Test
    void aRecordedDemoRunShowsEveryLessonAndItsFirstBatchesAloneDoNot() throws Exception {
        Path run = Path.of(VerdictsTest.class.getResource("/demo-run").toURI());
        ClimbSummary climb = ClimbSummary.read(run.resolve("climb"));
        List<RunSummary> points = SweepSummary.read(run.resolve("walk")).runs();

        List<Verdicts.Verdict> verdicts = Verdicts.of(climb, points);
        assertThat(verdicts).allSatisfy(v -> assertThat(v.holds()).as("%s: %s", v.lesson(), v.seen()).isTrue());
        assertThat(verdicts.get(0).seen()).contains("table-reaggregation: 956 ms per batch at first",
                "over the interval from batch 32", "FALLING BEHIND", "map-with-state: 307 ms at first");
        assertThat(verdicts.get(1).seen()).startsWith("at 300,000 keys: updateStateByKey 993 ms, mapWithState 118 ms "
                + "per batch: 8.4x");

        // The same anti-pattern cut before it crossed the interval does not show the lesson.
        ClimbSummary.Climb table = climb.climbs().get(0);
        ClimbSummary.Climb early = ClimbRule.of(table.variant(), table.batches().subList(0, 25),
                table.climbsFromBatch(), climb.batchMs());
        assertThat(Verdicts.antiPattern(new ClimbSummary(ClimbSummary.FORMAT, climb.keys(), climb.rateWordsPerS(),
                climb.batchMs(), 25, List.of(early, climb.climbs().get(1)))).holds()).isFalse();
    }

    @Test
    void aRecordedClimbIsBehindBeyondDoubtOnceItsDelayPassesFiveIntervalsAfterTwentyBatches() throws Exception {
        Path run = Path.of(VerdictsTest.class.getResource("/demo-run").toURI());
        ClimbSummary climb = ClimbSummary.read(run.resolve("climb"));
        ClimbSummary.Climb table = climb.climbs().get(0);
        ClimbSummary.Climb map = climb.climbs().get(1);

        // Crossed at batch 32; batch 44's scheduling delay is 4,716 ms, batch 45's 5,161 ms: the climb ends at 45.
        assertThat(firstBehindBeyondDoubt(table, climb.batchMs())).isEqualTo(45);
        ClimbSummary.Climb ended = ClimbRule.of(table.variant(), table.batches().subList(0, 45),
                table.climbsFromBatch(), climb.batchMs());
        assertThat(Verdicts.antiPattern(new ClimbSummary(ClimbSummary.FORMAT, climb.keys(), climb.rateWordsPerS(),
                climb.batchMs(), 45, List.of(ended, map))).holds()).isTrue();
        assertThat(firstBehindBeyondDoubt(map, climb.batchMs())).as("mapWithState keeps up").isEqualTo(-1);

        // A climb far behind from its first batches still runs 20 batches, so that its growth shows.
        List<ClimbSummary.Batch> lateFromTheStart = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            lateFromTheStart.add(new ClimbSummary.Batch(n, n * 1_000L, 2_000, 2_000, (n - 1) * 1_000L));
        }
        ClimbSummary.Climb behind = ClimbRule.of("table-reaggregation", lateFromTheStart, 1, 1_000);
        assertThat(firstBehindBeyondDoubt(behind, 1_000)).isEqualTo(20);
    }

    /** The number of batches after which {@link ClimbRule#behindBeyondDoubt} first holds; -1 if never. */
    private static int firstBehindBeyondDoubt(ClimbSummary.Climb climb, long batchMs) {
        for (int n = 1; n <= climb.batches().size(); n++) {
            ClimbSummary.Climb cut = ClimbRule.of(climb.variant(), climb.batches().subList(0, n),
                    climb.climbsFromBatch(), batchMs);
            if (ClimbRule.behindBeyondDoubt(cut, batchMs)) {
                return n;
            }
        }
        return -1;
    }
}
