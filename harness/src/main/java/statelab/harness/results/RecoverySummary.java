package statelab.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A recovery measurement's {@code summary.json} ({@code "format": "statelab-recovery/1"}): the load and one entry
 * per run (variant x state size). Times in milliseconds, {@code -1} where the run never got there.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecoverySummary(String format, List<String> variants, List<Long> keys, long rateWordsPerS,
                              long batchMs, List<Run> runs) {

    public static final String FORMAT = "statelab-recovery/1";

    /**
     * One kill and restart.
     *
     * @param label                        the variant, with {@code -socket} for Structured on the socket source
     * @param source                       where the variant read its lines: {@code replay} or {@code socket}
     * @param stateKeys                    distinct keys in state when the JVM was killed
     * @param medianProcessingBeforeKillMs median batch processing time over the batches before the kill
     * @param restartToFirstBatchMs        from launching the new JVM to the end of its first completed batch
     * @param catchUpMs                    from launching the new JVM to the end of the first batch that started
     *                                     within a batch interval of when it was due and took at most an interval
     * @param batchesToCatchUp             batches the restarted job completed up to and including that one
     * @param countsVerified               replay: final counts equal the ledger word by word; socket: no word
     *                                     counted more than sent nor less than the restarted connection sent
     * @param lostWords                    words sent but not counted (in flight at the kill; 0 on replay)
     * @param linesServedAgain             lines the replay stream served more than once (the re-read batch)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(String variant, String label, String source, long keys, long stateKeys,
                      long medianProcessingBeforeKillMs, long restartToFirstBatchMs, long firstBatchProcessingMs,
                      long catchUpMs, int batchesToCatchUp, boolean countsVerified, String countsNote, long lostWords,
                      long wordsSent, long linesServedAgain, Map<String, String> options) {
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
