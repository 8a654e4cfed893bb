package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;

/** A micro-batch's progress report flattened into named figures, and carried by the listener's batch. */
class ProgressFiguresTest {

    @Test
    void phasesAndTheStoresFiguresAreNamedAndSummedOverOperators() {
        Map<String, Long> durations = new LinkedHashMap<>();
        durations.put("addBatch", 812L);
        durations.put("walCommit", 31L);
        durations.put("triggerExecution", 870L);
        StateOperatorProgress first = operator(1_000, 40, 7, 3, 2, 120, Map.of("rocksdbCommitFlushLatency", 55L,
                "rocksdbSstFileSize", 4_096L));
        StateOperatorProgress second = operator(10, 1, 1, 0, 0, 5, Map.of("rocksdbSstFileSize", 1_024L));

        Map<String, Long> figures = ProgressFigures.of(progress(durations, first, second));

        assertThat(figures).containsExactly(
                entry("durationMs.addBatch", 812L),
                entry("durationMs.triggerExecution", 870L),
                entry("durationMs.walCommit", 31L),
                entry("state.allRemovalsTimeMs", 2L),
                entry("state.allUpdatesTimeMs", 8L),
                entry("state.commitTimeMs", 125L),
                entry("state.numRowsRemoved", 3L),
                entry("state.numRowsUpdated", 41L),
                entry("state.rocksdbCommitFlushLatency", 55L),
                entry("state.rocksdbSstFileSize", 5_120L));
    }

    @Test
    void aQueryWithoutStateReportsOnlyItsPhases() {
        assertThat(ProgressFigures.of(progress(Map.of("addBatch", 9L)))).containsExactly(
                entry("durationMs.addBatch", 9L));
    }

    @Test
    void theListenersBatchCarriesTheFigures() {
        RunSpec spec = RunSpec.builder("q").batchMs(500).listener(b -> { }).build();
        StructuredMetricsListener listener = new StructuredMetricsListener("q", spec);
        BatchMetrics batch = listener.toMetrics(progress(Map.of("triggerExecution", 300L),
                operator(2_000, 20, 4, 0, 0, 60, Map.of("rocksdbSstFileSize", 8_192L))));

        assertThat(batch.processingMs()).isEqualTo(300);
        assertThat(batch.stateKeys()).isEqualTo(2_000);
        assertThat(batch.progress()).containsEntry("state.rocksdbSstFileSize", 8_192L)
                .containsEntry("state.commitTimeMs", 60L).containsEntry("durationMs.triggerExecution", 300L);
        assertThat(batch.withInputWords(10).withStateKeys(5).progress()).isEqualTo(batch.progress());
    }

    private static StateOperatorProgress operator(long rowsTotal, long rowsUpdated, long updatesMs, long rowsRemoved,
                                                  long removalsMs, long commitMs, Map<String, Long> custom) {
        return new StateOperatorProgress("stateStoreSave", rowsTotal, rowsUpdated, updatesMs, rowsRemoved,
                removalsMs, commitMs, 64_000, 0, 2, 2, new HashMap<>(custom));
    }

    private static StreamingQueryProgress progress(Map<String, Long> durations, StateOperatorProgress... operators) {
        return new StreamingQueryProgress(UUID.randomUUID(), UUID.randomUUID(), "q", "2026-11-30T00:00:01.000Z", 3,
                100, new HashMap<>(durations), new HashMap<>(), operators,
                new SourceProgress[] {new SourceProgress("memory", "0", "1", "1", 100, 10.0, 10.0, new HashMap<>())},
                null, new HashMap<>());
    }
}
