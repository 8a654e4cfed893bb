package statelab.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/**
 * The running ledger: per client, the exact counts of what was written to its socket. Generated keys are
 * counted in a {@code long[]} indexed by key (grown as needed), script words in a map. Each client's writer
 * adds a whole write at once, after the socket accepted it; snapshots sum the clients.
 */
final class Ledger {

    /** Lag histogram range: 1 µs .. 1 h, 3 significant digits. */
    static final long LAG_HIGHEST_MICROS = 3_600_000_000L;

    private final List<Map<String, Long>> scriptLineCounts; // per script line: word -> count; empty when random
    private final List<Tally> tallies = new CopyOnWriteArrayList<>();

    Ledger(Script script) {
        List<Map<String, Long>> perLine = new ArrayList<>();
        if (script != null) {
            for (Script.Line line : script.lines()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                line.words().forEach(word -> counts.merge(word, 1L, Long::sum));
                perLine.add(counts);
            }
        }
        this.scriptLineCounts = List.copyOf(perLine);
    }

    Tally newClient(long clientId, String remote, long connectedAtEpochMs) {
        Tally tally = new Tally(clientId, remote, connectedAtEpochMs);
        tallies.add(tally);
        return tally;
    }

    List<Tally> tallies() {
        return List.copyOf(tallies);
    }

    /** A consistent picture per client; overall = the sum of the clients. */
    LedgerSnapshot snapshot(boolean withCounts) {
        long[] totalKeyCounts = new long[0];
        Map<String, Long> totalScriptCounts = new LinkedHashMap<>();
        long totalLines = 0;
        long totalWords = 0;
        List<LedgerSnapshot.ClientSnapshot> clients = new ArrayList<>();
        for (Tally tally : tallies) {
            Copy copy = tally.copy();
            totalLines += copy.lines;
            totalWords += copy.words;
            if (copy.keyCounts.length > totalKeyCounts.length) {
                totalKeyCounts = Arrays.copyOf(totalKeyCounts, copy.keyCounts.length);
            }
            for (int key = 0; key < copy.keyCounts.length; key++) {
                totalKeyCounts[key] += copy.keyCounts[key];
            }
            copy.scriptCounts.forEach((word, count) -> totalScriptCounts.merge(word, count, Long::sum));
            Map<String, Long> counts = toCounts(copy.keyCounts, copy.scriptCounts);
            clients.add(new LedgerSnapshot.ClientSnapshot(tally.clientId, tally.remote, tally.connectedAtEpochMs,
                    copy.lines, copy.words, counts.size(), withCounts ? counts : Map.of()));
        }
        Map<String, Long> counts = toCounts(totalKeyCounts, totalScriptCounts);
        return new LedgerSnapshot(totalLines, totalWords, counts.size(), withCounts ? counts : Map.of(), clients);
    }

    private static Map<String, Long> toCounts(long[] keyCounts, Map<String, Long> scriptCounts) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int key = 0; key < keyCounts.length; key++) {
            if (keyCounts[key] > 0) {
                counts.put(LineGenerator.keyWord(key), keyCounts[key]);
            }
        }
        scriptCounts.forEach((word, count) -> counts.merge(word, count, Long::sum));
        return counts;
    }

    private record Copy(long lines, long words, long[] keyCounts, Map<String, Long> scriptCounts) {
    }

    /** One client's counts and write lags. Written by its writer thread, read by snapshots: one lock. */
    final class Tally {
        final long clientId;
        final String remote;
        final long connectedAtEpochMs;

        private long lines;
        private long words;
        /** Distinct generated keys and script words sent, kept as they arrive so status is cheap to read. */
        private long distinctWords;
        private long[] keyCounts = new long[0];
        private final Map<String, Long> scriptCounts = new LinkedHashMap<>();
        private final Histogram lagMicros = new Histogram(1, LAG_HIGHEST_MICROS, 3);

        private Tally(long clientId, String remote, long connectedAtEpochMs) {
            this.clientId = clientId;
            this.remote = remote;
            this.connectedAtEpochMs = connectedAtEpochMs;
        }

        /**
         * Counts a write the socket accepted, and its lag (write time - due time of its oldest line); a
         * negative lag means the write was not on the schedule (a final sweep) and records none.
         */
        synchronized void add(WriteBatch batch, long lagNanos) {
            long[] counts = keyCounts;
            for (int i = 0; i < batch.keyCount; i++) {
                int key = batch.keys[i];
                if (key >= counts.length) {
                    counts = grow(key);
                }
                if (counts[key]++ == 0) {
                    distinctWords++;
                }
            }
            for (int i = 0; i < batch.scriptLineCount; i++) {
                scriptLineCounts.get(batch.scriptLines[i]).forEach((word, count) -> {
                    if (scriptCounts.merge(word, count, Long::sum).equals(count)) {
                        distinctWords++;
                    }
                });
            }
            lines += batch.lines;
            words += batch.words;
            if (lagNanos >= 0) {
                lagMicros.recordValue(Math.max(1, Math.min(LAG_HIGHEST_MICROS, lagNanos / 1000)));
            }
        }

        /** Doubles the array (at least to fit {@code key}) so growth costs amortised constant time per key. */
        private long[] grow(int key) {
            long wanted = Math.max((long) key + 1, Math.max(1024, 2L * keyCounts.length));
            keyCounts = Arrays.copyOf(keyCounts, (int) Math.min(wanted, LoadGenConfig.MAX_KEYS));
            return keyCounts;
        }

        synchronized long lines() {
            return lines;
        }

        synchronized long words() {
            return words;
        }

        synchronized long distinctWords() {
            return distinctWords;
        }

        /** A copy of the lag histogram (µs). */
        synchronized Histogram lagMicros() {
            return lagMicros.copy();
        }

        private synchronized Copy copy() {
            return new Copy(lines, words, keyCounts.clone(), new LinkedHashMap<>(scriptCounts));
        }
    }
}
