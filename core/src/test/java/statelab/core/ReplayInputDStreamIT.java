package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.Optional;
import org.apache.spark.streaming.Durations;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.testing.ChapterTimeline;
import statelab.core.testing.SparkForTests;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;
import statelab.loadgen.Script;

/**
 * The direct DStream input on the replay protocol, through {@link DStreamJob} as every DStream variant runs it:
 * each batch holds the lines due by its batch time (so the chapter's seconds are batches of their own however
 * fast the machine is), and a job started again on its checkpoint reads its unfinished batches again from their
 * recorded ranges and goes on from there.
 */
class ReplayInputDStreamIT {

    private static final long BATCH_MS = 500;

    /** Each batch's counts, as the job delivered them (running totals for a stateful graph). */
    private static final class Batches implements CountsSink {
        private final List<Map<String, Long>> outputs = new ArrayList<>();

        @Override
        public int rowsWanted(long batchTimeMs) {
            return ALL;
        }

        @Override
        public synchronized void accept(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
            outputs.add(WordCounts.toMap(rows));
            notifyAll();
        }

        synchronized List<Map<String, Long>> withData() {
            return outputs.stream().filter(m -> !m.isEmpty()).toList();
        }

        synchronized Map<String, Long> latest() {
            return outputs.isEmpty() ? Map.of() : outputs.get(outputs.size() - 1);
        }

        /** Waits until the latest output holds {@code words} words in all. */
        synchronized boolean awaitTotal(long words, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (latest().values().stream().mapToLong(Long::longValue).sum() != words) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        /** Waits until the batches with data add up to {@code words} words. */
        synchronized boolean awaitWordsInBatches(long words, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (withData().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum() < words) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }

    /** Running totals: what update-state computes, written here so core tests itself. */
    static Optional<Long> add(List<Long> counts, Optional<Long> total) {
        long sum = total.orElse(0L);
        for (long count : counts) {
            sum += count;
        }
        return Optional.of(sum);
    }

    private static RunSpec.Builder spec(String name, int port) {
        return RunSpec.builder(name).master("local[2]").source(Source.REPLAY).port(port).batchMs(BATCH_MS);
    }

    private static DStreamJob startTotals(RunSpec spec, CountsSink sink) {
        long checkpointMs = spec.batchMs() * spec.checkpointEveryBatches();
        return DStreamJob.start(spec, Source.REPLAY, sink, true, (ssc, lines, sinkId) -> {
            var totals = WordPairs.batchCounts(lines).updateStateByKey(ReplayInputDStreamIT::add);
            totals.checkpoint(Durations.milliseconds(checkpointMs));
            DStreamOutputs.deliver(totals, sinkId);
        });
    }

    @Test
    void theChaptersSecondsAreBatchesOfTheirOwnCutByTheSchedule() throws Exception {
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).script(Script.chapter()).build();
        List<BatchMetrics> metrics = new CopyOnWriteArrayList<>();
        Batches sink = new Batches();
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            RunSpec spec = spec("replay-chapter", generator.port()).listener(metrics::add).build();
            DStreamJob job = DStreamJob.start(spec, Source.REPLAY, sink, false,
                    (ssc, lines, sinkId) -> DStreamOutputs.deliver(WordPairs.batchCounts(lines), sinkId));
            try {
                assertThat(sink.awaitWordsInBatches(11, 60_000)).as("the chapter's 11 words counted").isTrue();
                // The listener hears of a batch after its output reached the sink: wait for the last one's metrics.
                long deadline = System.currentTimeMillis() + 30_000;
                while (metrics.stream().filter(b -> b.inputLines() > 0).count() < 3
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                job.stop(false);
            }
            // Each line is due on the schedule, one second apart: the batch of time T holds the lines due by T,
            // whenever the driver asks, so seconds 1, 2 and 4 cannot share a batch.
            assertThat(sink.withData()).containsExactly(ChapterTimeline.STATELESS_OUTPUTS.get(0),
                    ChapterTimeline.STATELESS_OUTPUTS.get(1), ChapterTimeline.STATELESS_OUTPUTS.get(3));
            List<long[]> ranges = metrics.stream().filter(b -> b.inputLines() > 0)
                    .map(b -> new long[] {b.fromLine(), b.toLine()}).toList();
            assertThat(ranges).containsExactly(new long[] {0, 1}, new long[] {1, 2}, new long[] {2, 3});
            assertThat(generator.ledger().totalLines()).isEqualTo(3);
            assertThat(generator.status().replay().linesServedAgain()).isZero();
        }
    }

    @Test
    void aJobStoppedMidStreamResumesFromItsCheckpointAndCountsEveryLineOnce() throws Exception {
        // 8 s of 300 lines/s over 200 keys; the first job is stopped (without finishing its batches) after 3 s.
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(300).wordsPerLine(10)
                .keys(200).seed(4).duration(Duration.ofSeconds(8)).build();
        Path checkpoint = SparkForTests.tempDir("replay-resume-").resolve("checkpoint");
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            RunSpec spec = spec("replay-resume", generator.port()).checkpointDir(checkpoint).checkpointEveryBatches(2)
                    .build();
            Batches first = new Batches();
            DStreamJob job = startTotals(spec, first);
            long deadline = System.currentTimeMillis() + 60_000;
            while (first.latest().values().stream().mapToLong(Long::longValue).sum() < 9_000
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            job.stop(false);
            long countedBefore = first.latest().values().stream().mapToLong(Long::longValue).sum();
            long servedBefore = generator.ledger(false).totalLines();
            assertThat(countedBefore).as("words counted before the stop").isGreaterThanOrEqualTo(9_000);

            Batches second = new Batches();
            DStreamJob resumed = startTotals(spec, second);
            try {
                assertThat(generator.awaitStreamsDone(Duration.ofSeconds(60))).isTrue();
                assertThat(second.awaitTotal(generator.ledger(false).totalWords(), 60_000))
                        .as("the resumed job's totals reach every word sent").isTrue();
            } finally {
                resumed.stop(false);
            }
            assertThat(second.latest()).isEqualTo(generator.ledger().counts());
            assertThat(generator.ledger().totalLines()).isEqualTo(8 * 300);
            // Read again: at most the batches after the last state checkpoint, never the stream from line 0.
            assertThat(generator.status().replay().linesServedAgain()).isLessThan(servedBefore);
        }
    }

    @Test
    void aCheckpointOfAnotherReplayStreamIsRefusedAndKept() throws Exception {
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(100).build();
        Path checkpoint = SparkForTests.tempDir("replay-other-").resolve("checkpoint");
        try (LoadGenerator generator = LoadGenerator.start(config)) {
            Batches sink = new Batches();
            DStreamJob job = startTotals(spec("replay-other", generator.port()).checkpointDir(checkpoint).build(),
                    sink);
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (sink.latest().isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                job.stop(false);
            }
        }
        List<Path> filesBefore;
        try (var files = Files.walk(checkpoint)) {
            filesBefore = files.sorted().toList();
        }
        Thread.sleep(5); // a stream is identified by its workload and its start time (ms)
        try (LoadGenerator restarted = LoadGenerator.start(config)) {
            assertThatThrownBy(() -> startTotals(spec("replay-other", restarted.port()).checkpointDir(checkpoint)
                    .build(), new Batches()))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("the checkpoint read replay stream")
                    .hasMessageContaining("use another checkpoint directory or --fresh (nothing was deleted)");
            assertThat(restarted.ledger().totalLines()).as("nothing read from the other stream").isZero();
        }
        try (var files = Files.walk(checkpoint)) {
            assertThat(files.sorted().toList()).isEqualTo(filesBefore);
        }
    }
}
