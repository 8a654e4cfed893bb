package statelab.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The replayable stream: one per load generator, shared by every replay connection (a Spark source's driver
 * asking what is due, its executors fetching line ranges). Its schedule clock starts with the first handshake
 * and keeps running whatever the clients do (open loop: a driver that is down falls behind, it does not stop
 * the clock). Any range of lines already due can be fetched, again and again: content is a pure function of
 * the line number ({@link LineGenerator}).
 *
 * <p>Line numbers: the stream's lines 0..L-1, then, with a final sweep, one line per W keys of every key the
 * stream could have drawn, all due the moment the stream ends (L is known from then on).
 *
 * <p>The ledger counts each line once, when a write holding it for the first time was accepted by a socket:
 * what was served, not how often. A range served again (a restarted query re-running its last batch) is
 * counted in {@code linesServedAgain} only.
 */
final class ReplayStream {

    private final LoadGenConfig config;
    private final Schedule schedule;
    private final KeySteps keySteps;
    private final Ledger.Tally tally;
    private final String streamId;
    /** Served line ranges, disjoint and merged: start -> end (exclusive). */
    private final TreeMap<Long, Long> served = new TreeMap<>();
    private long linesServedAgain;
    private long requests;
    private long badRequests;
    /** Lines of the stream proper (before the sweep), once the stream has ended; -1 before. */
    private long contentEnd = -1;
    private long sweepLines;
    private int sweepKeys;

    ReplayStream(LoadGenConfig config, KeySteps keySteps, Ledger.Tally tally, long startNanos,
                 double rateLinesPerSec) {
        this.config = config;
        this.keySteps = keySteps;
        this.tally = tally;
        this.schedule = new Schedule(config, new LineGenerator(config, keySteps), startNanos, rateLinesPerSec);
        this.streamId = Long.toHexString(config.summary().hashCode() & 0xffffffffL) + "-" + tally.connectedAtEpochMs;
    }

    /** Identifies this stream (workload and start): a checkpoint made on another stream cannot resume on it. */
    String streamId() {
        return streamId;
    }

    long clientId() {
        return tally.clientId;
    }

    void changeRate(long atNanos, double rateLinesPerSec) {
        schedule.changeRate(atNanos, rateLinesPerSec);
    }

    void endAt(long atNanos) {
        schedule.endAt(atNanos);
    }

    /** A key step's fill of {@code lines} lines from {@code fromLine} at {@code fillRate} ({@link Schedule#fillAt}). */
    void fillAt(long fromLine, long lines, double fillRate, long nowNanos) {
        schedule.fillAt(fromLine, lines, fillRate, nowNanos);
    }

    /** When line {@code line} is due on the stream's schedule ({@link System#nanoTime()} clock). */
    long dueNanos(long line) {
        return schedule.dueNanos(line);
    }

    /** Lines of the stream proper due by {@code nanos}: none later than these has been served. */
    long linesDueBy(long nanos) {
        return schedule.linesDueBy(nanos);
    }

    /** Lines due by {@code nowNanos}, final sweep included once the stream has ended. */
    synchronized long linesDue(long nowNanos) {
        long due = schedule.linesDueBy(nowNanos);
        if (!schedule.hasEnded(nowNanos)) {
            return due;
        }
        if (contentEnd < 0) {
            contentEnd = due;
            if (config.finalSweep() && due > 0) {
                LineGenerator lines = new LineGenerator(config, keySteps);
                sweepKeys = lines.activeKeys(due - 1);
                sweepLines = (sweepKeys + lines.wordsPerLine() - 1) / lines.wordsPerLine();
            }
        }
        return contentEnd + sweepLines;
    }

    synchronized boolean ended(long nowNanos) {
        linesDue(nowNanos);
        return contentEnd >= 0;
    }

    /** True once the stream has ended and every line of it was served. */
    synchronized boolean done(long nowNanos) {
        return ended(nowNanos) && servedFromStart() >= linesDue(nowNanos);
    }

    /** The first line not yet served: every line before it was. */
    private long servedFromStart() {
        Map.Entry<Long, Long> first = served.firstEntry();
        return first != null && first.getKey() == 0 ? first.getValue() : 0;
    }

    synchronized Status.ClientStatus status(long nowNanos) {
        long due = linesDue(nowNanos);
        long reached = servedFromStart();
        double currentLagMs = reached < due && (contentEnd < 0 || reached < contentEnd)
                ? Math.max(0, nowNanos - schedule.dueNanos(reached)) / 1e6 : 0;
        Histogram lag = tally.lagMicros();
        boolean anyLag = lag.getTotalCount() > 0;
        return new Status.ClientStatus(tally.clientId, "replay", tally.connectedAtEpochMs, !done(nowNanos),
                done(nowNanos), tally.lines(), tally.words(), tally.distinctWords(), reached, due, currentLagMs,
                anyLag ? lag.getValueAtPercentile(50) / 1e3 : 0,
                anyLag ? lag.getValueAtPercentile(99) / 1e3 : 0,
                anyLag ? lag.getMaxValue() / 1e3 : 0);
    }

    synchronized Status.ReplayStatus replayStatus() {
        return new Status.ReplayStatus(tally.clientId, streamId, linesServedAgain, requests, badRequests);
    }

    /**
     * Serves one replay connection whose handshake was read: answers it, then requests until the client
     * leaves. Runs on the connection's own thread.
     */
    void serve(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
        socket.setSoTimeout(0);
        write(out, "OK " + ReplayProtocol.HANDSHAKE + " " + streamId + "\n");
        Connection connection = new Connection(out);
        byte[] request = new byte[ReplayProtocol.MAX_REQUEST_BYTES];
        while (true) {
            int length = readRequest(in, request);
            if (length < 0) {
                return; // the client left
            }
            if (length > request.length) {
                countRequest(true);
                write(out, "ERROR request longer than " + ReplayProtocol.MAX_REQUEST_BYTES
                        + " bytes; closing the connection\n");
                socket.shutdownOutput();
                drain(socket, in); // so the answer is read before the close, not lost in a reset
                return;
            }
            String line = new String(request, 0, length, StandardCharsets.US_ASCII);
            ReplayProtocol.Request parsed;
            try {
                parsed = ReplayProtocol.parse(line);
            } catch (IllegalArgumentException e) {
                countRequest(true);
                write(out, "ERROR " + e.getMessage() + "\n");
                continue;
            }
            long now = System.nanoTime();
            if (parsed instanceof ReplayProtocol.Due asked) {
                countRequest(false);
                long due;
                boolean ended;
                synchronized (this) {
                    due = linesDue(asked.atEpochMs() < 0 ? now : atNanos(asked.atEpochMs(), now));
                    ended = contentEnd >= 0 && due == linesDue(now);
                }
                write(out, "DUE " + due + " " + ended + "\n");
            } else if (parsed instanceof ReplayProtocol.Fetch fetch) {
                long due = linesDue(now);
                if (fetch.to() > due) {
                    countRequest(true);
                    write(out, "ERROR lines " + fetch.from() + ".." + fetch.to() + " are not all due: " + due
                            + " lines are due now (was the load generator restarted under an old checkpoint?)\n");
                    continue;
                }
                countRequest(false);
                write(out, "LINES " + fetch.from() + " " + fetch.to() + "\n");
                connection.writeLines(fetch.from(), fetch.to());
            }
        }
    }

    /**
     * {@code epochMs} on the schedule's clock ({@link System#nanoTime()}), never later than {@code nowNanos}:
     * lines due by a time still to come are not due yet.
     */
    private static long atNanos(long epochMs, long nowNanos) {
        long agoMs = System.currentTimeMillis() - epochMs;
        return agoMs <= 0 ? nowNanos : nowNanos - java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(agoMs);
    }

    /** Reads and drops what the client still sends, for at most a second and a megabyte. */
    private static void drain(Socket socket, InputStream in) {
        byte[] discard = new byte[8192];
        long left = 1 << 20;
        try {
            socket.setSoTimeout(1000);
            int n;
            while (left > 0 && (n = in.read(discard)) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // gone or quiet: close anyway
        }
    }

    private synchronized void countRequest(boolean bad) {
        requests++;
        if (bad) {
            badRequests++;
        }
    }

    /**
     * Reads one request line into {@code buffer}; returns its length without the newline (and a trailing
     * '\r'), -1 at the end of the stream, or more than the buffer's length when the line is too long.
     */
    private static int readRequest(InputStream in, byte[] buffer) throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b == '\n') {
                return length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
            }
            if (length >= buffer.length - 1) {
                return buffer.length + 1;
            }
            buffer[length++] = (byte) b;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes line ranges in chunks and counts, after each accepted write, the lines served for the first time. */
    private final class Connection {
        private final OutputStream out;
        private final LineGenerator lines = new LineGenerator(config, keySteps);
        private final WriteBatch batch;
        private WriteBatch recount;

        Connection(OutputStream out) {
            this.out = out;
            this.batch = new WriteBatch(lines.maxLineBytes(), lines.scripted());
        }

        void writeLines(long from, long to) throws IOException {
            long next = from;
            while (next < to) {
                long chunkFrom = next;
                batch.clear();
                do {
                    batch.length = writeLine(next++, batch);
                } while (next < to && batch.hasRoomFor(lines.maxLineBytes()));
                out.write(batch.bytes, 0, batch.length);
                out.flush();
                served(chunkFrom, next);
            }
        }

        private int writeLine(long index, WriteBatch into) {
            long end = contentEndOrMax();
            if (index < end) {
                return lines.writeLine(index, into.bytes, into.length, into);
            }
            return lines.writeSweepLine(index - end, sweepKeysFinal(), into.bytes, into.length, into);
        }

        /** Marks [from, to) served; counts into the ledger the lines in it that were not served before. */
        private void served(long from, long to) {
            long now = System.nanoTime();
            synchronized (ReplayStream.this) {
                long fresh = 0;
                long firstFresh = -1;
                TreeMap<Long, Long> gaps = gaps(from, to);
                for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
                    fresh += gap.getValue() - gap.getKey();
                    firstFresh = firstFresh < 0 ? gap.getKey() : firstFresh;
                }
                linesServedAgain += (to - from) - fresh;
                if (fresh == 0) {
                    return;
                }
                WriteBatch counted = batch;
                if (fresh < to - from) { // partly served before: count only the new lines
                    if (recount == null) {
                        recount = new WriteBatch(lines.maxLineBytes(), lines.scripted());
                    }
                    recount.clear();
                    for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
                        for (long line = gap.getKey(); line < gap.getValue(); line++) {
                            recount.length = 0; // only the counts matter here, not the bytes
                            writeLine(line, recount);
                        }
                    }
                    counted = recount;
                }
                long lagNanos = firstFresh < contentEndOrMax() ? now - schedule.dueNanos(firstFresh) : -1;
                tally.add(counted, lagNanos < 0 ? -1 : lagNanos);
                markServed(from, to);
            }
        }
    }

    private synchronized long contentEndOrMax() {
        return contentEnd >= 0 ? contentEnd : Long.MAX_VALUE;
    }

    private synchronized int sweepKeysFinal() {
        return sweepKeys;
    }

    /** The parts of [from, to) not served yet: start -> end. */
    private TreeMap<Long, Long> gaps(long from, long to) {
        TreeMap<Long, Long> gaps = new TreeMap<>();
        long position = from;
        Map.Entry<Long, Long> before = served.floorEntry(from);
        if (before != null && before.getValue() > position) {
            position = before.getValue();
        }
        for (Map.Entry<Long, Long> range : served.subMap(from, true, to, false).entrySet()) {
            if (range.getKey() > position) {
                gaps.put(position, range.getKey());
            }
            position = Math.max(position, range.getValue());
        }
        if (position < to) {
            gaps.put(position, to);
        }
        return gaps;
    }

    private void markServed(long from, long to) {
        long start = from;
        long end = to;
        Map.Entry<Long, Long> before = served.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = served.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            served.remove(next.getKey());
            next = served.ceilingEntry(start);
        }
        served.put(start, end);
    }
}
