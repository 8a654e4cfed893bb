package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.Json;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;

/** A walk through two state sizes in one JVM: both points measured as windows, the counts verified once. */
class WalkIT {

    @TempDir
    Path dir;

    private static List<RunSettings> walk(String variant, List<Long> keys) {
        return keys.stream().map(k -> RunSettings.builder(variant).keys(k).walkKeys(keys).rateWordsPerS(10_000)
                .batchMs(500).warmupMs(1_000).measureMs(7_500).windows(3).checkpointEveryBatches(5)
                .verifyTimeoutMs(60_000).build()).toList();
    }

    @Test
    void twoStateSizesInOneJvmEachMeasuredAsWindowsAndVerifiedAtTheEnd() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<RunSummary> points = Walk.run(walk("map-with-state", List.of(1_000L, 20_000L)), 0, dir,
                new PrintStream(log, true));

        assertThat(points).as(log.toString()).extracting(RunSummary::keys).containsExactly(1_000L, 20_000L);
        for (RunSummary point : points) {
            assertThat(point.outcome()).as(log.toString()).isEqualTo(Outcome.VERIFIED);
            assertThat(point.walkKeys()).containsExactly(1_000L, 20_000L);
            assertThat(point.windows()).isEqualTo(3);
            assertThat(point.windowFigures()).hasSize(3);
            assertThat(point.medianProcessingMinMs()).isLessThanOrEqualTo(point.medianProcessingMs());
            assertThat(point.medianProcessingMaxMs()).isGreaterThanOrEqualTo(point.medianProcessingMs());
            assertThat(point.distinctKeys()).isEqualTo(point.keys());
            Path pointDir = dir.resolve("runs").resolve(RunSummary.directoryName("map-with-state", point.keys()));
            assertThat(Json.read(pointDir.resolve(Json.SUMMARY_FILE), RunSummary.class)).isEqualTo(point);
            assertThat(BatchesCsv.read(pointDir.resolve("batches.csv"))).extracting(BatchesCsv.Row::phase)
                    .contains("measure");
        }
        // The state grew in the same JVM: the second point's batches held 20,000 keys, the first point's fewer.
        List<BatchesCsv.Row> timeline = BatchesCsv.read(dir.resolve("walks/map-with-state/batches.csv"));
        assertThat(timeline).extracting(BatchesCsv.Row::stateKeys).contains(1_000L, 20_000L);
        assertThat(points.get(1).wordsSent()).isEqualTo(points.get(0).wordsSent());
        assertThat(log.toString()).contains("key step to 20,000 keys");
    }

    @Test
    void anInterruptedWalkKeepsWhatItMeasuredAndCallsNothingVerified() throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread walker = new Thread(() -> {
            try {
                Walk.run(walk("update-state", List.of(1_000L, 20_000L, 40_000L)), 0, dir,
                        new PrintStream(new ByteArrayOutputStream(), true));
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        walker.start();
        Path first = dir.resolve("runs").resolve(RunSummary.directoryName("update-state", 1_000))
                .resolve(Json.SUMMARY_FILE);
        long deadline = System.currentTimeMillis() + 180_000;
        while (Json.formatOf(first) == null && System.currentTimeMillis() < deadline && walker.isAlive()) {
            Thread.sleep(100);
        }
        walker.interrupt(); // as Ctrl-C would end it, in the middle of the next point
        walker.join(60_000);

        assertThat(walker.isAlive()).isFalse();
        assertThat(ended.get()).as("the walk ended by the interrupt, not by finishing").isNotNull();
        RunSummary kept = Json.read(first, RunSummary.class);
        assertThat(kept.measuredBatches()).isPositive();
        assertThat(kept.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(kept.countsNote()).isEqualTo(Walk.UNFINISHED_NOTE);
        assertThat(kept.usable()).isFalse();
    }
}
