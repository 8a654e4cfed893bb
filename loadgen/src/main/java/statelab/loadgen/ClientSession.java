package statelab.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One connected client and the thread that writes its own copy of the stream, open loop: every line is
 * generated when it is due (nothing waits in memory), all currently due lines go out in one write, and a slow
 * reader only makes the lag grow, never the schedule slower. When the stream ends the connection stays open
 * (a Spark receiver that reconnected would get a second copy); the thread then just waits for the client to
 * leave.
 */
final class ClientSession {

    /** Longest single sleep, so rate changes and shutdown are noticed promptly even without an unpark. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE = Long.MIN_VALUE;

    private final Socket socket;
    private final LineGenerator lines;
    private final Schedule schedule;
    private final Ledger.Tally tally;
    private final Runnable onChange;
    private final boolean finalSweep;
    private final Thread thread;

    private volatile boolean stopped;
    private volatile boolean connected = true;
    private volatile boolean streamDone;
    private volatile long nextLine;
    /** Due time of the oldest line being written, or IDLE while waiting for the next due line. */
    private volatile long pendingDueNanos = IDLE;

    ClientSession(Socket socket, LoadGenConfig config, KeySteps keySteps, double rateLinesPerSec,
                  Ledger.Tally tally, long startNanos, Runnable onChange) {
        this.socket = socket;
        this.lines = new LineGenerator(config, keySteps);
        this.schedule = new Schedule(config, lines, startNanos, rateLinesPerSec);
        this.tally = tally;
        this.onChange = onChange;
        this.finalSweep = config.finalSweep();
        this.thread = new Thread(this::run, "loadgen-client-" + tally.clientId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long clientId() {
        return tally.clientId;
    }

    boolean connected() {
        return connected;
    }

    boolean streamDone() {
        return streamDone;
    }

    /** New rate from {@code atNanos} on; wakes the writer so a shorter wait takes effect now. */
    void changeRate(long atNanos, double rateLinesPerSec) {
        schedule.changeRate(atNanos, rateLinesPerSec);
        LockSupport.unpark(thread);
    }

    /** A key step's fill of {@code lines} lines from {@code fromLine} at {@code fillRate} ({@link Schedule#fillAt}). */
    void fillAt(long fromLine, long lines, double fillRate, long nowNanos) {
        schedule.fillAt(fromLine, lines, fillRate, nowNanos);
        LockSupport.unpark(thread);
    }

    /** When line {@code line} is due on this client's schedule ({@link System#nanoTime()} clock). */
    long dueNanos(long line) {
        return schedule.dueNanos(line);
    }

    /** Lines due by {@code nanos}: none later than these has been written. */
    long linesDueBy(long nanos) {
        return schedule.linesDueBy(nanos);
    }

    /** Ends the stream at {@code atNanos} as a duration would (the final sweep, if any, follows). */
    void endAt(long atNanos) {
        schedule.endAt(atNanos);
        LockSupport.unpark(thread);
    }

    /** Closes the socket (which also ends a blocked write) and waits briefly for the writer to finish. */
    void close() {
        stopped = true;
        closeSocket();
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Status.ClientStatus status(long nowNanos) {
        long pending = pendingDueNanos;
        long currentLagNanos = pending == IDLE ? 0 : Math.max(0, nowNanos - pending);
        Histogram lag = tally.lagMicros();
        boolean anyLag = lag.getTotalCount() > 0;
        return new Status.ClientStatus(tally.clientId, tally.remote, tally.connectedAtEpochMs, connected,
                streamDone, tally.lines(), tally.words(), tally.distinctWords(), nextLine, schedule
                        .linesDueBy(nowNanos),
                currentLagNanos / 1e6,
                anyLag ? lag.getValueAtPercentile(50) / 1e3 : 0,
                anyLag ? lag.getValueAtPercentile(99) / 1e3 : 0,
                anyLag ? lag.getMaxValue() / 1e3 : 0);
    }

    private void run() {
        try {
            writeStream(socket.getOutputStream());
            streamDone = true;
            onChange.run();
            waitForClientToLeave(socket.getInputStream());
        } catch (IOException e) {
            // The client went away (or we were closed): the chunk in flight was not counted.
        } finally {
            pendingDueNanos = IDLE;
            connected = false;
            closeSocket();
            onChange.run();
        }
    }

    private void writeStream(OutputStream out) throws IOException {
        WriteBatch batch = new WriteBatch(lines.maxLineBytes(), lines.scripted());
        int maxLineBytes = lines.maxLineBytes();
        long next = 0;
        while (!stopped) {
            if (schedule.isPastEnd(next)) {
                if (finalSweep && next > 0) {
                    writeFinalSweep(out, batch, lines.activeKeys(next - 1));
                }
                return;
            }
            long firstDueNanos = schedule.dueNanos(next);
            long now = System.nanoTime();
            if (firstDueNanos > now) {
                LockSupport.parkNanos(Math.min(firstDueNanos - now, MAX_PARK_NANOS));
                continue;
            }
            pendingDueNanos = firstDueNanos;
            batch.clear();
            do { // every line due by now, as long as the batch has room
                batch.length = lines.writeLine(next, batch.bytes, batch.length, batch);
                next++;
            } while (batch.hasRoomFor(maxLineBytes) && !schedule.isPastEnd(next) && schedule.dueNanos(next) <= now);
            out.write(batch.bytes, 0, batch.length);
            long writtenNanos = System.nanoTime();
            tally.add(batch, writtenNanos - firstDueNanos);
            nextLine = next;
            pendingDueNanos = IDLE;
        }
    }

    /** Every key 0..keys-1 once more, as fast as the reader takes them (not on the schedule, no lag). */
    private void writeFinalSweep(OutputStream out, WriteBatch batch, int keys) throws IOException {
        long sweepLines = (keys + lines.wordsPerLine() - 1) / lines.wordsPerLine();
        long line = 0;
        while (line < sweepLines && !stopped) {
            batch.clear();
            do {
                batch.length = lines.writeSweepLine(line++, keys, batch.bytes, batch.length, batch);
            } while (line < sweepLines && batch.hasRoomFor(lines.maxLineBytes()));
            out.write(batch.bytes, 0, batch.length);
            tally.add(batch, -1);
        }
    }

    /**
     * Keeps the connection open after the stream ended, reading and discarding anything the client sends,
     * so that a client that leaves is noticed (and its socket closed) while the thread costs nothing else.
     */
    private void waitForClientToLeave(InputStream in) throws IOException {
        byte[] discard = new byte[4096];
        while (!stopped && in.read(discard) >= 0) {
            // ignore
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
