package statelab.harness.measure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import statelab.core.LabException;
import statelab.core.Source;
import statelab.core.WordCounts;
import statelab.harness.results.RecoverySummary;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * One recovery measurement: how long a variant takes to come back after its JVM is killed, against the size of
 * its state.
 *
 * <p>An in-process load generator (open loop: its clock does not wait for anyone) fills the state with
 * {@code keys} keys and then sends random words at the rate. The variant runs in a JVM of its own
 * ({@link RecoveryChild}, started through {@link LabJvm}) with a checkpoint directory; {@code beforeKillMs} after
 * the fill it is killed with SIGKILL and at once started again on the same checkpoint. Measured: restart to first
 * batch (launch of the new JVM to the end of its first completed batch: JVM and Spark start, state recovery, the
 * first batch) and catch-up (launch to the end of the first batch that started within a batch interval of when it
 * was due and took at most an interval). Then the stream ends, every key is sent once more, and the final counts
 * are compared with the ledger: word by word on the replay source; on a socket (DStream receivers), which cannot
 * replay, the words in flight at the kill are lost and reported.
 */
public final class Recovery {

    private Recovery() {
    }

    /** Runs one kill and restart; files go to {@code runDir}. */
    public static RecoverySummary.Run run(RecoverySettings s, LabJvm lab, Path runDir,
            PrintStream log) throws Exception {
        s.validate();
        Files.createDirectories(runDir);
        // The fill goes at the rate too: a socket client that reconnects gets the fill again, at no extra load.
        RunShape shape = s.shape();
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0)
                .rateLinesPerSec(shape.rateLinesPerSec()).wordsPerLine(shape.wordsPerLine())
                .keys(shape.keys()).seed(shape.seed()).fill(true).duration(Duration.ofHours(24)).finalSweep(true)
                .build();
        Path checkpoint = runDir.resolve("checkpoint");
        Path counts = runDir.resolve("counts.tsv");
        Files.deleteIfExists(counts);
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            log.printf("%s: %,d keys at %,d words/s: fill %.1f s, %.1f s more, then SIGKILL and restart%n",
                    s.label(), shape.keys(), shape.rateWordsPerS(), s.fillMs() / 1000.0, s.beforeKillMs() / 1000.0);
            Child first = Child.start(lab, s, new RecoveryChild.Plan(shape, shape.localMaster(), generator.port(),
                    checkpoint, true, runDir.resolve("batches-before.csv"), counts), runDir.resolve("before.log"));
            long medianBefore;
            long stateKeys;
            try {
                if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
                    throw new LabException(s.label() + " did not connect to the load generator; see "
                            + runDir.resolve("before.log"));
                }
                long streamStartMs = generator.ledger(false).clients().get(0).connectedAtEpochMs();
                long killAtMs = streamStartMs + s.fillMs() + s.beforeKillMs();
                // Kill at the planned time, but not before the state holds every key: the variant has received
                // all of them and completed two batches since.
                long allKeysAtMs = -1;
                long giveUpMs = killAtMs + s.maxRecoveryMs();
                while (true) {
                    if (!first.process.isAlive()) {
                        throw new LabException(s.label() + " stopped before the kill; see "
                                + runDir.resolve("before.log"));
                    }
                    long now = System.currentTimeMillis();
                    if (allKeysAtMs < 0 && generator.status().clients().get(0).distinctKeys() >= shape.keys()) {
                        allKeysAtMs = now;
                    }
                    long since = allKeysAtMs;
                    if (now >= killAtMs && allKeysAtMs >= 0 && readRows(runDir.resolve("batches-before.csv")).stream()
                            .filter(r -> r[0] > since).count() >= 2) {
                        break;
                    }
                    if (now > giveUpMs) {
                        throw new LabException(s.label() + " did not take in all " + shape.keys()
                                + " keys in time; see "
                                + runDir.resolve("before.log"));
                    }
                    Thread.sleep(100);
                }
                List<long[]> before = readRows(runDir.resolve("batches-before.csv"));
                medianBefore = median(before.stream().filter(r -> r[1] >= streamStartMs + s.fillMs())
                        .map(r -> r[4]).toList());
                stateKeys = generator.status().clients().get(0).distinctKeys();
            } finally {
                first.kill();
            }
            long restartMs = System.currentTimeMillis();
            Child second = Child.start(lab, s, new RecoveryChild.Plan(shape, shape.localMaster(), generator.port(),
                    checkpoint, false, runDir.resolve("batches-after.csv"), counts), runDir.resolve("after.log"));
            try {
                long deadline = restartMs + s.maxRecoveryMs();
                long firstBatchMs = -1;
                long firstProcessingMs = -1;
                long catchUpMs = -1;
                int batchesToCatchUp = -1;
                while (catchUpMs < 0 && System.currentTimeMillis() < deadline) {
                    if (!second.process.isAlive()) {
                        throw new LabException(s.label() + " did not come back: "
                                + lastLine(runDir.resolve("after.log")));
                    }
                    Thread.sleep(100);
                    List<long[]> after = readRows(runDir.resolve("batches-after.csv"));
                    for (int i = 0; i < after.size(); i++) {
                        long[] row = after.get(i);
                        if (firstBatchMs < 0) {
                            firstBatchMs = row[0] - restartMs;
                            firstProcessingMs = row[4];
                            log.printf("  first batch %.1f s after the restart (processing %,d ms)%n",
                                    firstBatchMs / 1000.0, firstProcessingMs);
                        }
                        if (row[3] <= shape.batchMs() && row[4] <= shape.batchMs()) {
                            catchUpMs = row[0] - restartMs;
                            batchesToCatchUp = i + 1;
                            log.printf("  caught up %.1f s after the restart, at batch %d%n", catchUpMs / 1000.0,
                                    batchesToCatchUp);
                            break;
                        }
                    }
                }
                if (catchUpMs < 0) {
                    log.printf("  not caught up %d s after the restart%n", s.maxRecoveryMs() / 1000);
                } else {
                    Thread.sleep(s.afterCatchUpMs());
                }
                second.send("arm");
                Thread.sleep(2 * shape.batchMs());
                generator.endStreams();
                boolean done = generator.awaitStreamsDone(Duration.ofMillis(s.maxRecoveryMs()));
                second.send("finish");
                if (!second.process.waitFor(s.maxRecoveryMs() + 60_000, TimeUnit.MILLISECONDS)
                        || second.process.exitValue() != 0 || !Files.isRegularFile(counts)) {
                    throw new LabException(s.label() + " did not write its final counts: "
                            + lastLine(runDir.resolve("after.log")));
                }
                LedgerSnapshot ledger = generator.ledger();
                boolean replay = shape.source() == Source.REPLAY;
                Verdict verdict = verify(replay, WordCounts.readCountsFile(counts), ledger);
                String note = verdict.note() == null ? (done ? "" : "the stream was not fully read") : verdict.note();
                long servedAgain = generator.status().replay() == null ? 0 : generator.status().replay()
                        .linesServedAgain();
                RecoverySummary.Run run = new RecoverySummary.Run(shape.variant(), s.label(), shape.source().label(),
                        shape.keys(),
                        stateKeys, medianBefore, firstBatchMs, firstProcessingMs, catchUpMs, batchesToCatchUp,
                        verdict.verified() && done, note, verdict.lostWords(), ledger.totalWords(), servedAgain,
                        s.effectiveOptions());
                log.printf("  counts %s%s%n", run.countsVerified() ? "verified" : "NOT verified",
                        note.isEmpty() ? "" : " (" + note + ")");
                return run;
            } finally {
                second.kill();
            }
        }
    }

    /** Whether the counts pass, what differs, and how many words were lost. */
    record Verdict(boolean verified, String note, long lostWords) {
    }

    /**
     * Replay: the counts must equal the ledger. Socket: the first connection's words in flight at the kill may be
     * lost; nothing may be counted twice, nor less than the restarted connection sent.
     */
    static Verdict verify(boolean replay, Map<String, Long> counted, LedgerSnapshot ledger) {
        if (replay) {
            String differences = Verification.differences(counted, ledger.counts());
            return new Verdict(differences == null, differences, 0);
        }
        LedgerSnapshot.ClientSnapshot restarted = ledger.clients().get(ledger.clients().size() - 1);
        long lost = 0;
        Map<String, String> wrong = new TreeMap<>();
        for (Map.Entry<String, Long> sent : ledger.counts().entrySet()) {
            long got = counted.getOrDefault(sent.getKey(), 0L);
            if (got > sent.getValue()) {
                wrong.put(sent.getKey(), "sent " + sent.getValue() + ", counted " + got);
            } else if (got < restarted.count(sent.getKey())) {
                wrong.put(sent.getKey(), "counted " + got + ", less than the restarted connection's "
                        + restarted.count(sent.getKey()));
            }
            lost += Math.max(0, sent.getValue() - got);
        }
        counted.keySet().stream().filter(w -> !ledger.counts().containsKey(w)).forEach(w -> wrong.put(w, "never sent"));
        if (!wrong.isEmpty()) {
            return new Verdict(false, wrong.size() + " words wrong, e.g. " + wrong.entrySet().iterator().next(), lost);
        }
        return new Verdict(true, lost == 0 ? null : lost + " words in flight at the kill were lost (a socket cannot "
                + "replay)", lost);
    }

    /** Rows of a live batches file: completedAtMs, batchTimeMs, inputLines, schedulingDelayMs, processingMs. */
    private static List<long[]> readRows(Path file) throws IOException {
        List<long[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 5) {
                continue; // being written
            }
            rows.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4])});
        }
        return rows;
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return lines.isEmpty() ? "(no output; see " + log + ")" : lines.get(lines.size() - 1) + " (see " + log + ")";
    }

    /** A variant JVM and the pipe it takes its orders from. */
    private static final class Child {
        private final Process process;
        private final OutputStream orders;

        private Child(Process process) {
            this.process = process;
            this.orders = process.getOutputStream();
        }

        static Child start(LabJvm lab, RecoverySettings s, RecoveryChild.Plan plan, Path log) throws IOException {
            return new Child(lab.recoveryChild(plan, log, s.jvmOptions()));
        }

        void send(String order) throws IOException {
            orders.write((order + "\n").getBytes(StandardCharsets.UTF_8));
            orders.flush();
        }

        /** SIGKILL (no shutdown hook runs), and wait for the process to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
