package statelab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;
import statelab.harness.results.RunSummary.ProgressFigure;

/** "Inside the micro-batches": each Structured run's phases and store figures, the DStream runs left out. */
class ProgressReportTest {

    @Test
    void eachStructuredRunShowsItsMediansAndHighestUnderTheStoresOwnColumns() {
        RunSummary rocksdb = run("structured-rocksdb", Map.of(
                "durationMs.triggerExecution", new ProgressFigure(1_200, 3_400),
                "durationMs.walCommit", new ProgressFigure(30, 90),
                "durationMs.commitOffsets", new ProgressFigure(20, 60),
                "state.rocksdbCommitFlushLatency", new ProgressFigure(400, 1_900),
                "state.rocksdbSstFileSize", new ProgressFigure(52_400_000, 53_000_000)));
        RunSummary hdfs = run("structured", Map.of(
                "durationMs.triggerExecution", new ProgressFigure(300, 500),
                "state.stateOnCurrentVersionSizeBytes", new ProgressFigure(9_000_000, 9_100_000)));
        RunSummary dstream = run("map-with-state", Map.of());

        String html = ProgressReport.html(List.of(rocksdb, hdfs, dstream));

        assertThat(html).contains("<h2>Inside the micro-batches</h2>")
                .contains("<td>structured-rocksdb</td>", "<td>1,200 (3,400)</td>",
                        "<td>30 (90)</td>", "<td>20 (60)</td>",
                        "<td>400 (1,900)</td>", "<td>52.4 (53.0)</td>")
                .contains("<td>structured</td>", "<td>300 (500)</td>", "<td>9.0 (9.1)</td>")
                .doesNotContain("map-with-state")
                .doesNotContain("RocksDB gets ms"); // no run reports it: no column
        assertThat(ProgressReport.html(List.of(dstream))).isEmpty();
        assertThat(ProgressReport.markdown(List.of(rocksdb, dstream))).contains("`progress.csv`")
                .contains("| structured-rocksdb | 1,000,000 | 1,200 (3,400) | 30 (90) | 20 (60) | 400 (1,900) "
                        + "| 52.4 (53.0) |")
                .doesNotContain("map-with-state");
        assertThat(ProgressReport.markdown(List.of(dstream))).isEmpty();
    }

    private static RunSummary run(String variant, Map<String, ProgressFigure> progress) {
        return RunSummary.builder().variant(variant).source("replay").keys(1_000_000).rateWordsPerS(30_000)
                .wordsPerLine(10).batchMs(1_000).warmupMs(1000).measureMs(30_000).master("local[2]").cores(2)
                .partitions(2).seed(1).startedAt("2026-01-01T00:00:00Z").measuredBatches(30).medianProcessingMs(500)
                .keepingUp(true).outcome(Outcome.VERIFIED, "").wordsSent(1000).distinctKeys(1_000_000)
                .progress(progress).build();
    }
}
