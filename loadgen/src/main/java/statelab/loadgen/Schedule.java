package statelab.loadgen;

import java.util.Arrays;

/**
 * When each line of one client's stream is due, on the {@link System#nanoTime()} clock, counted from the
 * moment that client connected. Line content never depends on this; only the timing does.
 *
 * <p>Random workload: a piecewise-constant rate. Each segment says "from line position {@code fromLine}
 * (fractional) at time {@code fromNanos}, lines follow at {@code rate}". A live rate change appends a
 * segment starting where the schedule stood at the moment of the change, so lines already due keep their
 * due times and later ones follow the new rate. With a separate fill rate, the fill lines have a segment of
 * their own and a change during the fill sets the rate that follows it.
 *
 * <p>Script: line i is due at the script's time for it.
 *
 * <p>With a duration, the stream ends before the first line due at or after start + duration.
 */
final class Schedule {

    private record Segment(double fromLine, long fromNanos, double rateLinesPerSec) {
        long dueNanos(long line) {
            return fromNanos + Math.round((line - fromLine) * 1e9 / rateLinesPerSec);
        }

        double positionAt(long nanos) {
            return fromLine + (nanos - fromNanos) * rateLinesPerSec / 1e9;
        }
    }

    private final long startNanos;
    /** Long.MAX_VALUE when endless; only ever shortened ({@link #endAt}). */
    private volatile long durationNanos;
    private final long contentLines;
    private final long[] scriptAtNanos; // null for the random workload
    /** Copy-on-write: the writer reads it without locking, rate changes replace it. */
    private volatile Segment[] segments;

    Schedule(LoadGenConfig config, LineGenerator lines, long startNanos, double rateLinesPerSec) {
        this.startNanos = startNanos;
        this.durationNanos = config.duration() == null ? Long.MAX_VALUE : config.duration().toNanos();
        this.contentLines = lines.lineCount();
        if (config.script() != null) {
            scriptAtNanos = config.script().lines().stream().mapToLong(Script.Line::atNanos).toArray();
            segments = new Segment[0];
        } else if (config.fillRateLinesPerSec() != null && lines.fillLineCount() > 0) {
            scriptAtNanos = null;
            Segment fill = new Segment(0, startNanos, config.fillRateLinesPerSec());
            long fillEnd = lines.fillLineCount();
            segments = new Segment[] {fill, new Segment(fillEnd, fill.dueNanos(fillEnd), rateLinesPerSec)};
        } else {
            scriptAtNanos = null;
            segments = new Segment[] {new Segment(0, startNanos, rateLinesPerSec)};
        }
    }

    long startNanos() {
        return startNanos;
    }

    /** When line {@code line} is due. */
    long dueNanos(long line) {
        if (scriptAtNanos != null) {
            return startNanos + scriptAtNanos[(int) line];
        }
        Segment[] current = segments;
        for (int i = current.length - 1; i > 0; i--) {
            if (line >= current[i].fromLine()) {
                return current[i].dueNanos(line);
            }
        }
        return current[0].dueNanos(line);
    }

    /** True when the stream has no line {@code line}: past the script's end or due after the duration. */
    boolean isPastEnd(long line) {
        if (line >= contentLines) {
            return true;
        }
        long duration = durationNanos;
        return duration != Long.MAX_VALUE && dueNanos(line) - startNanos >= duration;
    }

    /** How many lines are due by {@code nanos} (for status; the writer uses {@link #dueNanos}). */
    long linesDueBy(long nanos) {
        // Lines due at or after the end of the duration are not part of the stream.
        long duration = durationNanos;
        long until = duration == Long.MAX_VALUE ? nanos : Math.min(nanos, startNanos + duration - 1);
        long due;
        if (scriptAtNanos != null) {
            due = 0;
            while (due < scriptAtNanos.length && startNanos + scriptAtNanos[(int) due] <= until) {
                due++; // scripts are short
            }
        } else {
            Segment[] current = segments;
            Segment segment = current[0];
            for (int i = current.length - 1; i >= 0; i--) {
                if (until >= current[i].fromNanos()) {
                    segment = current[i];
                    break;
                }
            }
            double position = segment.positionAt(until);
            due = position < 0 ? 0 : (long) Math.floor(position) + 1;
        }
        return Math.min(due, contentLines);
    }

    /** Ends the stream at {@code atNanos} (or at once if that is before its start), unless it ends earlier anyway. */
    synchronized void endAt(long atNanos) {
        durationNanos = Math.min(durationNanos, Math.max(0, atNanos - startNanos));
    }

    /** True once the schedule has passed its end (duration over, or every script line due) at {@code nanos}. */
    boolean hasEnded(long nanos) {
        long duration = durationNanos;
        if (duration != Long.MAX_VALUE && nanos - startNanos >= duration) {
            return true;
        }
        return linesDueBy(nanos) >= contentLines;
    }

    /**
     * A key step's fill: lines {@code fromLine} to {@code fromLine + lines} follow at {@code fillRateLinesPerSec}
     * from when line {@code fromLine} is due (not before {@code nowNanos}), later lines at the rate in effect.
     * Lines before {@code fromLine} keep their due times.
     */
    synchronized void fillAt(long fromLine, long lines, double fillRateLinesPerSec, long nowNanos) {
        if (scriptAtNanos != null || lines <= 0) {
            return;
        }
        Segment[] current = segments;
        double rateAfter = current[current.length - 1].rateLinesPerSec();
        long fillFromNanos = Math.max(nowNanos, dueNanos(fromLine));
        java.util.List<Segment> next = new java.util.ArrayList<>();
        for (Segment segment : current) {
            if (segment.fromLine() < fromLine) {
                next.add(segment);
            }
        }
        Segment fill = new Segment(fromLine, fillFromNanos, fillRateLinesPerSec);
        next.add(fill);
        long fillEnd = fromLine + lines;
        next.add(new Segment(fillEnd, fill.dueNanos(fillEnd), rateAfter));
        segments = next.toArray(new Segment[0]);
    }

    /** From {@code atNanos} on, lines follow {@code rateLinesPerSec}. */
    synchronized void changeRate(long atNanos, double rateLinesPerSec) {
        if (scriptAtNanos != null) {
            return;
        }
        Segment[] current = segments;
        Segment last = current[current.length - 1];
        Segment[] next;
        if (atNanos < last.fromNanos()) {
            // The last segment has not started yet (the fill has a rate of its own and is still going):
            // the rate after the fill becomes the new one.
            next = current.clone();
            next[next.length - 1] = new Segment(last.fromLine(), last.fromNanos(), rateLinesPerSec);
        } else {
            long at = Math.max(atNanos, last.fromNanos());
            next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new Segment(last.positionAt(at), at, rateLinesPerSec);
        }
        segments = next;
    }
}
