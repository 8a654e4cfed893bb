package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a recovery's restarted job may be stopped: not before the batch holding the stream's last line. */
class LiveBatchesFileTest {

    @TempDir
    Path tmp;

    private static BatchMetrics batch(long fromLine, long toLine) {
        return new BatchMetrics(0, toLine - fromLine, 10 * (toLine - fromLine), 0, 100, 100, 0, -1, false, fromLine,
                toLine);
    }

    @Test
    void aLastBatchSlowerThanTheQuietTimeIsWaitedForOnlyByItsLines() throws Exception {
        Path file = tmp.resolve("batches.csv");
        try (LiveBatchesFile batches = new LiveBatchesFile(file)) {
            batches.onBatch(batch(0, 100));
            // The last batch (the stream's lines 100 to 200) takes longer than the quiet time.
            CompletableFuture<Void> last = CompletableFuture.runAsync(() -> batches.onBatch(batch(100, 200)),
                    CompletableFuture.delayedExecutor(1_500, TimeUnit.MILLISECONDS));

            batches.awaitInputStopped(300, 10_000);
            // Quiet for 300 ms: the old rule would stop the job here, its last batch still running.
            assertThat(LiveBatchesFile.read(file)).hasSize(1);

            assertThat(batches.awaitLinesThrough(200, 10_000)).isTrue();
            assertThat(LiveBatchesFile.read(file)).hasSize(2);
            last.join();
            assertThat(batches.awaitLinesThrough(300, 300)).as("no batch reaches line 300").isFalse();
        }
    }
}
