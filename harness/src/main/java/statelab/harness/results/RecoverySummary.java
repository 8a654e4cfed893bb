package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A recovery measurement's {@code summary.json} ({@code "format": "statelab-recovery/2"}): the load and one entry
 * per run (variant x state size x what was killed). Times in milliseconds, {@code -1} where the run never got
 * there or a figure does not apply.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoverySummary(String format, List<String> variants, List<Long> keys, long rateWordsPerS,
                              long batchMs, List<Run> runs) {

    public static final String FORMAT = "statelab-recovery/2";

    /**
     * One kill and restart.
     *
     * @param label                        the variant, with {@code -socket} for a replay-capable variant on the socket
     *                                     source
     * @param source                       where the variant read its lines: {@code replay} or {@code socket}
     * @param fault                        what was killed: {@code driver}, {@code executor} or {@code worker}
     * @param stateKeys                    distinct keys in state when the JVM was killed
     * @param medianProcessingBeforeKillMs median batch processing time over the batches before the kill
     * @param restartToFirstBatchMs        driver: from launching the new JVM (at once after the kill) to the end of
     *                                     its first completed batch; executor, worker: from the kill to the end of
     *                                     the first batch that started after it
     * @param catchUpMs                    from the same start to the end of the first batch (of those) that started
     *                                     within a batch interval of when it was due and took at most an interval
     * @param batchesToCatchUp             batches completed (of those) up to and including that one
     * @param countsVerified               the verdict ({@code RecoveryVerdict}): replay: counts equal the ledger
     *                                     word by word and the restart resumed at its checkpoint's offsets; socket:
     *                                     nothing counted twice, and at most the words in flight lost
     * @param lostWords                    words sent but not counted (0 on replay)
     * @param linesCountedBeforeKill       lines the state had durably counted before the kill
     * @param linesServedBeforeKill        replay: lines the stream had served when the kill came (-1 on a socket)
     * @param linesServedAgain             replay: lines served more than once (the batches read again)
     * @param linesServedAgainAllowed      replay: the most a restart that resumed may serve again
     * @param firstLineAfterRestart        replay: where the first batch after the restart started
     * @param lostWordsAllowed             socket: the most words a restart may lose (-1 on replay)
     * @param killed                       what was killed, as the log names it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(String variant, String label, String source, String fault, long keys, long stateKeys,
                      long medianProcessingBeforeKillMs, long restartToFirstBatchMs, long firstBatchProcessingMs,
                      long catchUpMs, int batchesToCatchUp, boolean countsVerified, String countsNote, long lostWords,
                      long wordsSent, long linesCountedBeforeKill, long linesServedBeforeKill, long linesServedAgain,
                      long linesServedAgainAllowed, long firstLineAfterRestart, long lostWordsAllowed, String killed,
                      Map<String, String> options) {
    }

    public void write(Path dir) throws IOException {
        Json.write(dir.resolve(Json.SUMMARY_FILE), this);
    }

    /** Reads {@code dir/summary.json}; null when there is none, an error when it is another kind of results. */
    public static RecoverySummary readIfPresent(Path dir) {
        if (Json.formatOf(dir.resolve(Json.SUMMARY_FILE)) == null) {
            return null;
        }
        return Json.readSummary(dir, FORMAT, RecoverySummary.class);
    }

    /** Whether {@code dir} holds a recovery measurement's summary. */
    public static boolean isRecovery(Path dir) {
        return FORMAT.equals(Json.formatOf(dir.resolve(Json.SUMMARY_FILE)));
    }
}
