package statelab.harness.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import statelab.core.LiveBatchesFile;
import statelab.loadgen.LedgerSnapshot;

/**
 * Whether a kill and restart recovered, proven from what it left: pure rules, no waiting. A restart that
 * ignored its checkpoint must fail them, not only a restart that miscounted.
 *
 * <p>Every source: the kill came after the state had durably counted something ({@code linesCountedBeforeKill},
 * at least {@code minLinesCountedBeforeKill}): for a stateful DStream the lines up to the second-to-last state
 * checkpoint batch completed before the kill (the last one may not yet be named by the metadata checkpoint Spark
 * restores); for a variant {@link statelab.core.Variant#durableEveryBatch() durable every batch} the lines up to
 * the third-to-last batch completed before the kill (a DStream graph restarts at the time of its last metadata
 * checkpoint, written as each batch completes, and runs that batch again too: the last two completed batches may
 * run again, harmlessly, as a recomputed batch replaces its output).
 *
 * <p>Replay (exact):
 * <ol>
 *   <li>the final counts equal the ledger word by word;</li>
 *   <li>the first batch after the restart starts at the checkpoint's offsets: at or after the lines counted
 *       before the kill (a restart from line 0 starts at 0), and, when a driver was restarted, not beyond the
 *       lines served before it (after an executor or worker kill the driver's queued batches go on where they
 *       were, their lines fetched when they run);</li>
 *   <li>the lines served again are at most what the unfinished batches held: the lines served before the kill
 *       after those counted (a restart from line 0 serves everything again).</li>
 * </ol>
 * Socket (Spark's receiver; it cannot replay): no word counted more often than sent, nor less often than the
 * restarted connection sent it; the words lost are at most those sent in the last {@link #LOST_INTERVALS} batch
 * intervals (at least {@link #LOST_MIN_MS} ms) before the kill (a restart that lost its state loses everything
 * sent before the kill).
 */
public final class RecoveryVerdict {

    /** Batch intervals of input the socket source may lose at a kill (the receiver's block, socket buffers). */
    public static final int LOST_INTERVALS = 4;
    /** ... and at least this long a stretch of input. */
    public static final long LOST_MIN_MS = 2_000;

    private RecoveryVerdict() {
    }

    /**
     * What a kill and restart left to judge.
     *
     * @param replay                    whether the variant read the replay source
     * @param driverRestarted           whether the driver was killed and started again (not an executor or worker)
     * @param counted                   its final counts
     * @param ledger                    what the load generator sent (on a socket: per connection)
     * @param before                    the batches completed before the kill
     * @param after                     the batches completed after the restart (the same JVM's after an executor
     *                                  or worker kill: those that started after it)
     * @param durableEveryBatch         whether every completed batch is durable (see the class comment)
     * @param linesServedBeforeKill     replay: the lines the stream had served once the kill had come
     * @param linesServedAgain          replay: lines the stream served more than once, over the whole run
     * @param minLinesCountedBeforeKill the stated least the state had to count before the kill
     * @param rateWordsPerS             the load's rate (socket: bounds the words in flight)
     * @param batchMs                   the batch interval
     */
    public record Evidence(boolean replay, boolean driverRestarted, Map<String, Long> counted, LedgerSnapshot ledger,
                           List<LiveBatchesFile.Row> before, List<LiveBatchesFile.Row> after,
                           boolean durableEveryBatch, long linesServedBeforeKill, long linesServedAgain,
                           long minLinesCountedBeforeKill, long rateWordsPerS, long batchMs) {
    }

    /**
     * The judgement, with the figures it rests on (-1 where a figure does not apply).
     *
     * @param note                      what failed, or what was lost on a socket; null when nothing is to say
     * @param linesCountedBeforeKill    lines in durable state before the kill
     * @param firstLineAfterRestart     replay: the first line of the first batch after the restart
     * @param linesServedAgainAllowed   replay: the most lines a restart that resumed may serve again
     * @param lostWordsAllowed          socket: the most words a restart may lose
     */
    public record Verdict(boolean verified, String note, long lostWords, long linesCountedBeforeKill,
                          long firstLineAfterRestart, long linesServedAgainAllowed, long lostWordsAllowed) {
    }

    public static Verdict judge(Evidence e) {
        long counted = linesCountedBeforeKill(e.before(), e.durableEveryBatch(), e.replay());
        List<String> failed = new ArrayList<>();
        if (counted < e.minLinesCountedBeforeKill()) {
            failed.add("the kill came when the state had durably counted " + counted + " lines, fewer than the "
                    + e.minLinesCountedBeforeKill() + " stated: it proves nothing");
        }
        return e.replay() ? replay(e, counted, failed) : socket(e, counted, failed);
    }

    private static Verdict replay(Evidence e, long counted, List<String> failed) {
        String differences = Verification.differences(e.counted(), e.ledger().counts());
        if (differences != null) {
            failed.add(differences);
        }
        long firstLine = e.after().stream().filter(r -> r.fromLine() >= 0).mapToLong(LiveBatchesFile.Row::fromLine)
                .findFirst().orElse(-1);
        if (firstLine < 0) {
            failed.add("no batch after the restart says where it started");
        } else if (firstLine < counted) {
            failed.add("the first batch after the restart started at line " + firstLine + ", before the "
                    + counted + " lines the checkpoint had counted: it did not resume");
        } else if (e.driverRestarted() && firstLine > e.linesServedBeforeKill()) {
            failed.add("the first batch after the restart started at line " + firstLine + ", after the "
                    + e.linesServedBeforeKill() + " lines served before the kill: lines were skipped");
        }
        long allowed = Math.max(0, e.linesServedBeforeKill() - counted);
        if (e.linesServedAgain() > allowed) {
            failed.add(e.linesServedAgain() + " lines were served again, more than the " + allowed
                    + " the unfinished batches held: it re-read what the checkpoint had counted");
        }
        return new Verdict(failed.isEmpty(), failed.isEmpty() ? null : String.join("; ", failed), 0, counted,
                firstLine, allowed, -1);
    }

    private static Verdict socket(Evidence e, long counted, List<String> failed) {
        LedgerSnapshot ledger = e.ledger();
        LedgerSnapshot.ClientSnapshot restarted = ledger.clients().size() > 1
                ? ledger.clients().get(ledger.clients().size() - 1) : null;
        long lost = 0;
        Map<String, String> wrong = new TreeMap<>();
        for (Map.Entry<String, Long> sent : ledger.counts().entrySet()) {
            long got = e.counted().getOrDefault(sent.getKey(), 0L);
            if (got > sent.getValue()) {
                wrong.put(sent.getKey(), "sent " + sent.getValue() + ", counted " + got);
            } else if (restarted != null && got < restarted.count(sent.getKey())) {
                wrong.put(sent.getKey(), "counted " + got + ", less than the restarted connection's "
                        + restarted.count(sent.getKey()));
            }
            lost += Math.max(0, sent.getValue() - got);
        }
        e.counted().keySet().stream().filter(w -> !ledger.counts().containsKey(w))
                .forEach(w -> wrong.put(w, "never sent"));
        if (!wrong.isEmpty()) {
            failed.add(wrong.size() + " words wrong, e.g. " + wrong.entrySet().iterator().next());
        }
        long allowed = lostWordsAllowed(e.rateWordsPerS(), e.batchMs());
        if (lost > allowed) {
            failed.add(lost + " words were lost, more than the " + allowed + " sent in the last "
                    + LOST_INTERVALS + " batch intervals before the kill: the restart lost its state");
        }
        String note = !failed.isEmpty() ? String.join("; ", failed)
                : lost == 0 ? null : lost + " words in flight at the kill were lost (a socket cannot replay)";
        return new Verdict(failed.isEmpty(), note, lost, counted, -1, -1, allowed);
    }

    /** The most words a socket source may lose at a kill: the input of the last few intervals. */
    public static long lostWordsAllowed(long rateWordsPerS, long batchMs) {
        return rateWordsPerS * Math.max(LOST_INTERVALS * batchMs, LOST_MIN_MS) / 1000;
    }

    /**
     * The lines the state had durably counted (see the class comment): up to the second-to-last state checkpoint
     * batch, or the third-to-last batch when every batch is durable (its end line on the replay source; the lines
     * of the batches up to it on a socket); 0 when there are not that many.
     */
    public static long linesCountedBeforeKill(List<LiveBatchesFile.Row> before, boolean durableEveryBatch,
                                              boolean replay) {
        List<LiveBatchesFile.Row> durable = before.stream()
                .filter(r -> durableEveryBatch || r.checkpointBatch())
                .sorted(java.util.Comparator.comparingLong(LiveBatchesFile.Row::batchTimeMs)).toList();
        int back = durableEveryBatch ? 3 : 2;
        if (durable.size() < back) {
            return 0;
        }
        LiveBatchesFile.Row last = durable.get(durable.size() - back);
        if (replay) {
            return Math.max(0, last.toLine());
        }
        return before.stream().filter(r -> r.batchTimeMs() <= last.batchTimeMs())
                .mapToLong(r -> Math.max(0, r.inputLines())).sum();
    }
}
