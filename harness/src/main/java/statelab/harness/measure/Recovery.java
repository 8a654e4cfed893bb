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
import java.util.concurrent.TimeUnit;
import statelab.core.LabException;
import statelab.core.LiveBatchesFile;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.Variants;
import statelab.core.WordCounts;
import statelab.harness.results.RecoverySummary;
import statelab.loadgen.LedgerSnapshot;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * One recovery measurement: how long a variant takes to come back after a part of it is killed with SIGKILL,
 * against the size of its state, and whether it came back with its state.
 *
 * <p>An in-process load generator (open loop: its clock does not wait for anyone) fills the state with
 * {@code keys} keys and then sends random words at the rate. The variant runs in a JVM of its own
 * ({@link RecoveryChild}, started through {@link LabJvm}) with a checkpoint directory: on a local master to kill
 * its driver, on a standalone cluster of two workers ({@link Cluster}) to kill an executor or a worker. The kill
 * comes {@code beforeKillMs} after the fill, and not before the state has durably counted the whole fill (two
 * state checkpoints after it for a stateful DStream, three batches for a variant durable every batch; see
 * {@link RecoveryVerdict}). A killed driver is
 * started again at once on the same checkpoint; after an executor or worker kill the driver goes on and Spark
 * reruns the lost work. Measured: time to the first batch (the new JVM's first, or the first that started after
 * the kill) and catch-up (to the end of the first such batch that started within a batch interval of when it was
 * due and took at most an interval). Then the stream ends, every key is sent once more, and
 * {@link RecoveryVerdict} judges the final counts against the ledger and whether the restart resumed.
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
        Variant variant = Variants.byName(shape.variant());
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0)
                .rateLinesPerSec(shape.rateLinesPerSec()).wordsPerLine(shape.wordsPerLine())
                .keys(shape.keys()).seed(shape.seed()).fill(true).duration(Duration.ofHours(24)).finalSweep(true)
                .build();
        Path checkpoint = runDir.resolve("checkpoint");
        Path counts = runDir.resolve("counts.tsv");
        Files.deleteIfExists(counts);
        boolean driver = s.fault() == Fault.DRIVER;
        Path batchesBefore = runDir.resolve(driver ? "batches-before.csv" : "batches.csv");
        Path batchesAfter = runDir.resolve(driver ? "batches-after.csv" : "batches.csv");
        try (LoadGenerator generator = LoadGenerator.start(config);
             Cluster cluster = driver ? null : lab.startCluster(runDir.resolve("cluster"), 2, shape.totalCores())) {
            String master = cluster == null ? shape.localMaster() : cluster.masterUrl();
            List<String> jvmOptions = new ArrayList<>(s.jvmOptions());
            if (cluster != null) {
                jvmOptions.add("-Dspark.cores.max=" + shape.totalCores());
            }
            log.printf("%s: %,d keys at %,d words/s%s: fill %.1f s, %.1f s more, then SIGKILL of the %s%s%n",
                    s.label(), shape.keys(), shape.rateWordsPerS(), cluster == null ? "" : " on " + master,
                    s.fillMs() / 1000.0, s.beforeKillMs() / 1000.0, s.fault().label(),
                    driver ? " and a restart" : "");
            Child first = Child.start(lab, jvmOptions, new RecoveryChild.Plan(shape, master, generator.port(),
                    checkpoint, true, s.checkpointEveryBatches(), batchesBefore, counts),
                    runDir.resolve(driver ? "before.log" : "run.log"));
            Child second = null;
            try {
                Kill kill = killWhenCounted(s, variant, generator, first, cluster, batchesBefore, runDir, log);
                long restartMs = System.currentTimeMillis();
                List<LiveBatchesFile.Row> before = rowsBefore(LiveBatchesFile.read(batchesBefore), kill.atMs());
                if (driver) {
                    second = Child.start(lab, jvmOptions, new RecoveryChild.Plan(shape, master, generator.port(),
                            checkpoint, false, s.checkpointEveryBatches(), batchesAfter, counts),
                            runDir.resolve("after.log"));
                } else {
                    restartMs = kill.atMs();
                }
                Child running = driver ? second : first;
                Path runningLog = runDir.resolve(driver ? "after.log" : "run.log");
                long deadline = restartMs + s.maxRecoveryMs();
                long firstBatchMs = -1;
                long firstProcessingMs = -1;
                long catchUpMs = -1;
                int batchesToCatchUp = -1;
                while (catchUpMs < 0 && System.currentTimeMillis() < deadline) {
                    if (!running.process.isAlive()) {
                        throw new LabException(s.label() + " did not come back: " + lastLine(runningLog));
                    }
                    Thread.sleep(100);
                    List<LiveBatchesFile.Row> after = rowsAfter(LiveBatchesFile.read(batchesAfter), restartMs);
                    for (int i = 0; i < after.size(); i++) {
                        LiveBatchesFile.Row row = after.get(i);
                        if (firstBatchMs < 0) {
                            firstBatchMs = row.completedAtMs() - restartMs;
                            firstProcessingMs = row.processingMs();
                            log.printf("  first batch %.1f s after the %s (processing %,d ms)%n",
                                    firstBatchMs / 1000.0, driver ? "restart" : "kill", firstProcessingMs);
                        }
                        if (row.schedulingDelayMs() <= shape.batchMs() && row.processingMs() <= shape.batchMs()) {
                            catchUpMs = row.completedAtMs() - restartMs;
                            batchesToCatchUp = i + 1;
                            log.printf("  caught up %.1f s after the %s, at batch %d%n", catchUpMs / 1000.0,
                                    driver ? "restart" : "kill", batchesToCatchUp);
                            break;
                        }
                    }
                }
                if (catchUpMs < 0) {
                    log.printf("  not caught up %d s after the %s%n", s.maxRecoveryMs() / 1000,
                            driver ? "restart" : "kill");
                } else {
                    Thread.sleep(s.afterCatchUpMs());
                }
                running.send("arm");
                Thread.sleep(2 * shape.batchMs());
                generator.endStreams();
                boolean done = generator.awaitStreamsDone(Duration.ofMillis(s.maxRecoveryMs()));
                // On replay the child waits for the batch holding the stream's last line, however slow it is.
                running.send(shape.source() == Source.REPLAY ? "finish " + generator.ledger().totalLines() : "finish");
                if (!running.process.waitFor(s.maxRecoveryMs() + 60_000, TimeUnit.MILLISECONDS)
                        || running.process.exitValue() != 0 || !Files.isRegularFile(counts)) {
                    throw new LabException(s.label() + " did not write its final counts: " + lastLine(runningLog));
                }
                LedgerSnapshot ledger = generator.ledger();
                boolean replay = shape.source() == Source.REPLAY;
                long servedAgain = generator.status().replay() == null ? 0
                        : generator.status().replay().linesServedAgain();
                List<LiveBatchesFile.Row> after = rowsAfter(LiveBatchesFile.read(batchesAfter), restartMs);
                RecoveryVerdict.Verdict verdict = RecoveryVerdict.judge(new RecoveryVerdict.Evidence(replay, driver,
                        WordCounts.readCountsFile(counts), ledger, before, after, variant.durableEveryBatch(),
                        kill.linesServed(), servedAgain, s.fillLines(), shape.rateWordsPerS(), shape.batchMs()));
                String note = verdict.note() != null ? verdict.note() : done ? "" : "the stream was not fully read";
                RecoverySummary.Run run = new RecoverySummary.Run(shape.variant(), s.label(), shape.source().label(),
                        s.fault().label(), shape.keys(), kill.stateKeys(), kill.medianProcessingMs(), firstBatchMs,
                        firstProcessingMs, catchUpMs, batchesToCatchUp, verdict.verified() && done, note,
                        verdict.lostWords(), ledger.totalWords(), verdict.linesCountedBeforeKill(),
                        replay ? kill.linesServed() : -1, replay ? servedAgain : 0, verdict.linesServedAgainAllowed(),
                        verdict.firstLineAfterRestart(), verdict.lostWordsAllowed(), kill.what(),
                        s.effectiveOptions());
                log.printf("  counts %s%s%n", run.countsVerified() ? "verified" : "NOT verified",
                        note.isEmpty() ? "" : " (" + note + ")");
                return run;
            } finally {
                first.kill();
                if (second != null) {
                    second.kill();
                }
            }
        }
    }

    /** What the kill left to know: when it came, what was killed, and where the state stood. */
    private record Kill(long atMs, String what, long stateKeys, long medianProcessingMs, long linesServed) {
    }

    /**
     * Waits until the planned time has come, the state holds every key, and it has durably counted the fill
     * ({@link RecoveryVerdict#linesCountedBeforeKill}: the restart has a state to resume from); then kills and
     * returns when and what.
     */
    private static Kill killWhenCounted(RecoverySettings s, Variant variant, LoadGenerator generator, Child first,
                                        Cluster cluster, Path batches, Path runDir, PrintStream log)
            throws Exception {
        RunShape shape = s.shape();
        boolean replay = shape.source() == Source.REPLAY;
        Path firstLog = runDir.resolve(s.fault() == Fault.DRIVER ? "before.log" : "run.log");
        if (!generator.awaitClients(1, Duration.ofSeconds(120))) {
            first.kill();
            throw new LabException(s.label() + " did not connect to the load generator; see " + firstLog);
        }
        long streamStartMs = generator.ledger(false).clients().get(0).connectedAtEpochMs();
        long killAtMs = streamStartMs + s.fillMs() + s.beforeKillMs();
        long giveUpMs = killAtMs + s.maxRecoveryMs();
        while (true) {
            if (!first.process.isAlive()) {
                throw new LabException(s.label() + " stopped before the kill: " + lastLine(firstLog));
            }
            long now = System.currentTimeMillis();
            List<LiveBatchesFile.Row> rows = LiveBatchesFile.read(batches);
            long counted = RecoveryVerdict.linesCountedBeforeKill(rows, variant.durableEveryBatch(), replay);
            if (now >= killAtMs && generator.status().clients().get(0).distinctKeys() >= shape.keys()
                    && counted >= s.fillLines()) {
                break;
            }
            if (now > giveUpMs) {
                first.kill();
                throw new LabException(s.label() + " had not durably counted all " + shape.keys() + " keys "
                        + (now - killAtMs) / 1000 + " s after the planned kill; see " + firstLog);
            }
            Thread.sleep(100);
        }
        List<LiveBatchesFile.Row> rows = LiveBatchesFile.read(batches);
        long median = median(rows.stream().filter(r -> r.batchTimeMs() >= streamStartMs + s.fillMs())
                .map(LiveBatchesFile.Row::processingMs).toList());
        long stateKeys = generator.status().clients().get(0).distinctKeys();
        long atMs = System.currentTimeMillis();
        String what = switch (s.fault()) {
            case DRIVER -> {
                first.kill();
                yield "driver JVM pid " + first.process.pid();
            }
            case EXECUTOR -> cluster.killExecutor();
            case WORKER -> cluster.killWorker();
        };
        // Read after the kill: a fetch that was under way has ended, so what was served is all it will be.
        long served = replay ? generator.ledger(false).totalLines() : -1;
        log.printf("  killed %s %.1f s after the fill (state: %,d keys, %,d lines durably counted)%n", what,
                (atMs - streamStartMs - s.fillMs()) / 1000.0, stateKeys,
                RecoveryVerdict.linesCountedBeforeKill(rowsBefore(rows, atMs), variant.durableEveryBatch(), replay));
        return new Kill(atMs, what, stateKeys, median, served);
    }

    /** The batches that completed before {@code killMs}. */
    private static List<LiveBatchesFile.Row> rowsBefore(List<LiveBatchesFile.Row> rows, long killMs) {
        return rows.stream().filter(r -> r.completedAtMs() <= killMs).toList();
    }

    /**
     * The batches after a restart or kill at {@code sinceMs}: those whose processing started after it (in a new
     * JVM, all of them).
     */
    private static List<LiveBatchesFile.Row> rowsAfter(List<LiveBatchesFile.Row> rows, long sinceMs) {
        return rows.stream().filter(r -> r.completedAtMs() - r.processingMs() >= sinceMs).toList();
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

        static Child start(LabJvm lab, List<String> jvmOptions, RecoveryChild.Plan plan, Path log)
                throws IOException {
            return new Child(lab.recoveryChild(plan, log, jvmOptions));
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
