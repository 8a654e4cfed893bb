package statelab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.harness.results.Outcome;
import statelab.harness.results.RunSummary;

/** The state's memory per key, each variant's figure named for what it counts, RocksDB's SST files beside it. */
class StateMemoryTableTest {

    @Test
    void eachPointsStateMemoryPerKeyAndWhatItCounts() {
        List<RunSummary> runs = List.of(
                run("update-state", 19_000_000, Map.of(), Map.of()),
                run("map-with-state", 100_000_000, Map.of(), Map.of()),
                run("structured-rocksdb", 150_000_000, Map.of(),
                        Map.of("state.rocksdbSstFileSize", new RunSummary.ProgressFigure(12_000_000, 18_000_000))),
                run("structured-arbitrary", 250_000_000, Map.of("state-store", "rocksdb"), Map.of()),
                run("structured", 300_000_000, Map.of(), Map.of()),
                run("stateless", -1, Map.of(), Map.of()));

        assertThat(Tables.anyStateMemory(runs)).isTrue();
        assertThat(Tables.stateMemory(runs).markdown().lines().skip(2)).containsExactly(
                "| update-state | 1,000,000 | 19.0 | 19.0 | serialized bytes in Spark's memory store | - | - |",
                "| map-with-state | 1,000,000 | 100.0 | 100.0 | JVM objects (SizeEstimator) | - | - |",
                "| structured-rocksdb | 1,000,000 | 150.0 | 150.0 | RocksDB's own memory (block cache, memtables) "
                        + "| 12.0 | 12.0 |",
                "| structured-arbitrary | 1,000,000 | 250.0 | 250.0 | RocksDB's own memory (block cache, memtables) "
                        + "| - | - |",
                "| structured | 1,000,000 | 300.0 | 300.0 | JVM objects (HDFS-backed store) | - | - |");
        assertThat(Tables.anyStateMemory(List.of(runs.get(5)))).isFalse();
    }

    private static RunSummary run(String variant, long stateBytes, Map<String, String> options,
                                  Map<String, RunSummary.ProgressFigure> progress) {
        return RunSummary.builder().variant(variant).source("replay").keys(1_000_000).rateWordsPerS(10_000)
                .wordsPerLine(10).batchMs(1_000).warmupMs(1000).measureMs(30_000).master("local[2]").cores(2)
                .partitions(2).seed(1).startedAt("2026-01-01T00:00:00Z").measuredBatches(30).medianProcessingMs(500)
                .options(options).keepingUp(true).outcome(Outcome.VERIFIED, "").wordsSent(1000)
                .distinctKeys(1_000_000).stateBytesAtEnd(stateBytes).progress(progress).build();
    }
}
