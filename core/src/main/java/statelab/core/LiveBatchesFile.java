package statelab.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends every completed batch to a CSV file the moment it completes, so another process can follow a run
 * batch by batch (and still read what it wrote when the run is killed): {@code ./lab run --batches-out FILE}, and
 * the variant's JVM in {@code ./lab recovery}. Columns: {@link #HEADER}; {@code fromLine,toLine} are the batch's
 * line range on the replay source (-1 on a socket).
 */
public final class LiveBatchesFile implements BatchListener, AutoCloseable {

    public static final String HEADER = "completedAtMs,batchTimeMs,inputLines,schedulingDelayMs,processingMs,"
            + "totalDelayMs,stateKeys,stateBytes,checkpointBatch,fromLine,toLine";

    /** One row as read back. */
    public record Row(long completedAtMs, long batchTimeMs, long inputLines, long schedulingDelayMs,
                      long processingMs, long totalDelayMs, long stateKeys, long stateBytes, boolean checkpointBatch,
                      long fromLine, long toLine) {
    }

    private final PrintWriter out;
    private long lastInputMs = -1;
    private long lastBatchMs = -1;
    private long linesThrough = -1;

    /** Creates (or empties) {@code file} and writes the header. */
    public LiveBatchesFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        out.println(HEADER);
        out.flush();
    }

    @Override
    public synchronized void onBatch(BatchMetrics b) {
        long now = System.currentTimeMillis();
        out.println(now + "," + b.batchTimeMs() + "," + b.inputLines() + "," + b.schedulingDelayMs() + ","
                + b.processingMs() + "," + b.totalDelayMs() + "," + b.stateKeys() + "," + b.stateBytes() + ","
                + b.checkpointBatch() + "," + b.fromLine() + "," + b.toLine());
        out.flush();
        lastBatchMs = now;
        if (b.inputLines() > 0) {
            lastInputMs = now;
        }
        linesThrough = Math.max(linesThrough, b.toLine());
        notifyAll();
    }

    /**
     * Waits until a completed batch's line range reached {@code lines} (the replay source's line ranges end before
     * their {@code toLine}); false after {@code timeoutMs}. Exact where {@link #awaitInputStopped} only guesses: a
     * last batch slower than its quiet time is still running when the quiet time has passed.
     */
    public synchronized boolean awaitLinesThrough(long lines, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (linesThrough < lines && System.currentTimeMillis() < deadline) {
            wait(200);
        }
        return linesThrough >= lines;
    }

    /** Waits until a batch has completed and no batch with input has for {@code quietMs} (bounded). */
    public synchronized void awaitInputStopped(long quietMs, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline
                && (lastBatchMs < 0 || System.currentTimeMillis() - Math.max(lastInputMs, 0) < quietMs)) {
            wait(200);
        }
    }

    @Override
    public synchronized void close() {
        out.close();
    }

    /** The rows of a live file, the one being written included (a half-written last line is skipped). */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return rows;
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 11) {
                continue; // being written
            }
            try {
                rows.add(new Row(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                        Long.parseLong(f[7]), Boolean.parseBoolean(f[8]), Long.parseLong(f[9]),
                        Long.parseLong(f[10])));
            } catch (NumberFormatException e) {
                // being written
            }
        }
        return rows;
    }
}
