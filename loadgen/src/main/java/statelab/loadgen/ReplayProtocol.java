package statelab.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * The replay protocol, spoken on the stream port itself: what a client must send to get line ranges served
 * instead of the open-loop stream. Plain clients (a Spark socket receiver, {@code nc}) send nothing, so they
 * never trigger it. Text lines, ASCII, {@code '\n'}-terminated:
 *
 * <pre>
 * client: STATELAB-REPLAY/1                 within {@link #HANDSHAKE_WINDOW_MS} ms of connecting
 * server: OK STATELAB-REPLAY/1 STREAM_ID    (the replay stream's clock starts with the first handshake)
 * client: DUE                               (or DUE AT_EPOCH_MS: lines due by then, at most those due now)
 * server: DUE LINES ENDED                   lines due so far; ENDED true once no more will become due
 * client: FETCH FROM TO                     lines FROM (inclusive) to TO (exclusive), all due already
 * server: LINES FROM TO                     then exactly TO - FROM newline-terminated lines
 * server: ERROR MESSAGE                     for a bad request; the connection stays usable
 * </pre>
 * A request longer than {@link #MAX_REQUEST_BYTES} gets an ERROR and the connection is closed; a FETCH may ask for
 * at most {@link #MAX_FETCH_LINES} lines ({@link ReplayClient} splits bigger ranges).
 */
public final class ReplayProtocol {

    /** The handshake line (without its newline); also the version: a later protocol gets another name. */
    public static final String HANDSHAKE = "STATELAB-REPLAY/1";
    /** How long the server waits for a handshake before it treats a connection as a plain stream client. */
    public static final int HANDSHAKE_WINDOW_MS = 500;
    /** Longest request line, newline included. */
    public static final int MAX_REQUEST_BYTES = 256;
    /** Most lines one FETCH may ask for. */
    public static final long MAX_FETCH_LINES = 1_000_000;

    static final byte[] HANDSHAKE_LINE = (HANDSHAKE + "\n").getBytes(StandardCharsets.US_ASCII);
    /** Anything starting like this is meant as a handshake (a wrong version gets an error, not the stream). */
    static final String HANDSHAKE_PREFIX = "STATELAB-REPLAY/";

    private ReplayProtocol() {
    }

    /** A parsed request. */
    sealed interface Request permits Due, Fetch {
    }

    /** {@code DUE}, or {@code DUE AT_EPOCH_MS} (then {@code atEpochMs} is that time; -1 for now). */
    record Due(long atEpochMs) implements Request {
    }

    record Fetch(long from, long to) implements Request {
    }

    /**
     * Parses one request line (without its newline).
     *
     * @throws IllegalArgumentException with the message the ERROR answer carries
     */
    static Request parse(String line) {
        String[] parts = line.strip().split(" +");
        switch (parts[0]) {
            case "DUE" -> {
                if (parts.length == 1) {
                    return new Due(-1);
                }
                if (parts.length != 2) {
                    throw new IllegalArgumentException("DUE takes at most one argument: DUE [AT_EPOCH_MS]");
                }
                try {
                    long at = Long.parseLong(parts[1]);
                    if (at < 0) {
                        throw new NumberFormatException();
                    }
                    return new Due(at);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(parts[1])
                            + "' is not a time (epoch milliseconds)");
                }
            }
            case "FETCH" -> {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("FETCH needs two line numbers: FETCH FROM TO");
                }
                long from = lineNumber(parts[1]);
                long to = lineNumber(parts[2]);
                if (to < from) {
                    throw new IllegalArgumentException("FETCH " + from + " " + to + ": TO is before FROM");
                }
                if (to - from > MAX_FETCH_LINES) {
                    throw new IllegalArgumentException("FETCH " + from + " " + to + " asks for " + (to - from)
                            + " lines; at most " + MAX_FETCH_LINES + " per request");
                }
                return new Fetch(from, to);
            }
            default -> throw new IllegalArgumentException("unknown request '" + abbreviate(line)
                    + "' (expected DUE [AT_EPOCH_MS] or FETCH FROM TO)");
        }
    }

    private static long lineNumber(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException("line number " + value + " is negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a line number");
        }
    }

    /** At most 60 printable characters of {@code text}, for error messages. */
    static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 60; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 60 ? out + "..." : out.toString();
    }
}
