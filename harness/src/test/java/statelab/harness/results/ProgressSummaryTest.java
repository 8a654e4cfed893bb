package statelab.harness.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.BatchMetrics;

/** Structured Streaming's own figures: summarised per point, and written beside batches.csv. */
class ProgressSummaryTest {

    @TempDir
    Path dir;

    @Test
    void eachFigureHasItsMedianAndItsHighestOverTheBatchesThatReportIt() {
        List<BatchMetrics> batches = List.of(
                batch(1_000, Map.of("durationMs.addBatch", 300L, "state.rocksdbCommitFlushLatency", 40L)),
                batch(2_000, Map.of("durationMs.addBatch", 900L, "state.rocksdbCommitFlushLatency", 10L)),
                batch(3_000, Map.of("durationMs.addBatch", 500L)),
                batch(4_000, Map.of("durationMs.addBatch", 700L, "state.rocksdbCommitFlushLatency", 25L)));

        assertThat(ProgressSummary.of(batches)).containsExactly(
                entry("durationMs.addBatch", new RunSummary.ProgressFigure(500, 900)),
                entry("state.rocksdbCommitFlushLatency", new RunSummary.ProgressFigure(25, 40)));
        assertThat(ProgressSummary.of(List.of(batch(1_000, Map.of())))).isEmpty();
    }

    @Test
    void theFiguresAreWrittenBesideBatchesCsvAColumnPerName() throws Exception {
        List<BatchMetrics> batches = List.of(
                batch(1_000, Map.of("durationMs.addBatch", 300L)),
                batch(2_000, Map.of("durationMs.addBatch", 900L, "state.rocksdbSstFileSize", 4_096L)));

        RunFiles.writeCsv(dir.resolve("batches.csv"), batches,
                b -> b.batchTimeMs() < 2_000 ? RunFiles.Phase.WARMUP : RunFiles.Phase.MEASURE);

        assertThat(Files.readAllLines(dir.resolve(RunFiles.PROGRESS_CSV))).containsExactly(
                "batchTimeMs,phase,durationMs.addBatch,state.rocksdbSstFileSize",
                "1000,warmup,300,-1",
                "2000,measure,900,4096");
    }

    @Test
    void batchesWithoutTheEnginesFiguresWriteNoProgressFile() throws Exception {
        RunFiles.writeCsv(dir.resolve("batches.csv"), List.of(batch(1_000, Map.of())), b -> RunFiles.Phase.MEASURE);

        assertThat(dir.resolve("batches.csv")).exists();
        assertThat(dir.resolve(RunFiles.PROGRESS_CSV)).doesNotExist();
    }

    private static BatchMetrics batch(long timeMs, Map<String, Long> progress) {
        return new BatchMetrics(timeMs, 10, 40, 0, 100, 100, 5, -1, false, -1, -1, progress);
    }
}
