package statelab.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the load generator's {@link ReplayProtocol replay protocol}: asks how many lines are due and
 * fetches ranges of them, as often as needed. One connection; not thread-safe (open one per thread).
 *
 * <pre>
 * try (ReplayClient client = ReplayClient.connect("127.0.0.1", 9999, 10_000)) {
 *     ReplayClient.Due due = client.due();
 *     ReplayClient.Lines lines = client.fetch(0, due.lines());
 *     while (lines.next()) {
 *         use(lines.buffer(), lines.start(), lines.length());   // one line's UTF-8 bytes, no newline
 *     }
 * }
 * </pre>
 */
public final class ReplayClient implements AutoCloseable {

    /** Lines asked for per request: big enough for few round trips, small enough to fail fast. */
    static final long LINES_PER_REQUEST = 100_000;

    /** How many lines are due, and whether the stream has ended (no more will become due). */
    public record Due(long lines, boolean ended) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String where;
    private final String streamId;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    private ReplayClient(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.where = where;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        out.write(ReplayProtocol.HANDSHAKE_LINE);
        out.flush();
        String answer = readAnswerLine();
        String expected = "OK " + ReplayProtocol.HANDSHAKE + " ";
        if (!answer.startsWith(expected)) {
            throw new ReplayException(where + " did not answer the replay handshake (it said '"
                    + ReplayProtocol.abbreviate(answer) + "'): is it a statelab load generator (./lab loadgen)?");
        }
        this.streamId = answer.substring(expected.length()).strip();
    }

    /**
     * Connects and shakes hands.
     *
     * @param timeoutMs for the connection and for every answer
     * @throws ReplayException if nothing listens there, or it does not speak the protocol
     */
    public static ReplayClient connect(String host, int port, int timeoutMs) throws IOException {
        String where = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return new ReplayClient(socket, where);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ReplayException("no answer from the load generator at " + where + " within " + timeoutMs
                    + " ms", e);
        } catch (ReplayException e) {
            socket.close();
            throw e;
        } catch (IOException e) {
            socket.close();
            throw new ReplayException("cannot reach the load generator at " + where + ": " + e.getMessage(), e);
        }
    }

    /** The stream's identity (workload and start), as the server announced it. */
    public String streamId() {
        return streamId;
    }

    /** Asks how many lines are due now. */
    public Due due() throws IOException {
        return dueAnswer("DUE");
    }

    /**
     * Asks how many lines were due by {@code epochMs} (at most those due now): what a batch of that time holds,
     * whenever it asks. {@code ended} is true when the stream had ended by then.
     */
    public Due dueBy(long epochMs) throws IOException {
        if (epochMs < 0) {
            throw new IllegalArgumentException("time must not be negative, got " + epochMs);
        }
        return dueAnswer("DUE " + epochMs);
    }

    private Due dueAnswer(String requestLine) throws IOException {
        request(requestLine);
        String[] answer = expect("DUE", 3);
        try {
            return new Due(Long.parseLong(answer[1]), Boolean.parseBoolean(answer[2]));
        } catch (NumberFormatException e) {
            throw new ReplayException("malformed answer from " + where + ": " + String.join(" ", answer));
        }
    }

    /**
     * Fetches lines {@code from} (inclusive) to {@code to} (exclusive), every one already due; big ranges are
     * asked for in several requests. Read the lines before the next call on this client.
     */
    public Lines fetch(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad line range " + from + ".." + to);
        }
        return new Lines(from, to);
    }

    /** Fetches a range and returns it as strings (for small ranges and tests). */
    public List<String> fetchText(long from, long to) throws IOException {
        List<String> lines = new ArrayList<>();
        Lines range = fetch(from, to);
        while (range.next()) {
            lines.add(new String(range.buffer(), range.start(), range.length(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** Sends one raw request line (tests use it for bad requests) and returns the first answer line. */
    String rawRequest(String line) throws IOException {
        request(line);
        return readAnswerLine();
    }

    /** The lines of one fetch, one at a time; the bytes stay valid until the next call to {@link #next()}. */
    public final class Lines {
        private final long to;
        private long next;
        private long requestEnd;
        private int start;
        private int length;

        private Lines(long from, long to) {
            this.next = from;
            this.requestEnd = from;
            this.to = to;
        }

        /** Moves to the next line; false after the last. */
        public boolean next() throws IOException {
            if (next >= to) {
                return false;
            }
            if (next == requestEnd) {
                requestEnd = Math.min(to, next + LINES_PER_REQUEST);
                request("FETCH " + next + " " + requestEnd);
                String[] answer = expect("LINES", 3);
                if (!answer[1].equals(Long.toString(next)) || !answer[2].equals(Long.toString(requestEnd))) {
                    throw new ReplayException("asked " + where + " for lines " + next + ".." + requestEnd
                            + ", got " + String.join(" ", answer));
                }
            }
            int end = indexOfNewline();
            if (end < 0) {
                throw new ReplayException(where + " closed the connection after line " + (next - 1) + " of "
                        + next + ".." + requestEnd);
            }
            start = position;
            length = end - position;
            position = end + 1;
            next++;
            return true;
        }

        public byte[] buffer() {
            return buffer;
        }

        public int start() {
            return start;
        }

        public int length() {
            return length;
        }
    }

    private void request(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads an answer line; an ERROR answer becomes a {@link ReplayException} with the server's message. */
    private String[] expect(String keyword, int fields) throws IOException {
        String line = readAnswerLine();
        if (line.startsWith("ERROR ")) {
            throw new ReplayException("the load generator at " + where + " refused: " + line.substring(6));
        }
        String[] parts = line.split(" ");
        if (!parts[0].equals(keyword) || parts.length != fields) {
            throw new ReplayException("unexpected answer from " + where + ": '" + ReplayProtocol.abbreviate(line)
                    + "' (expected " + keyword + ")");
        }
        return parts;
    }

    private String readAnswerLine() throws IOException {
        int end = indexOfNewline();
        if (end < 0) {
            throw new ReplayException(where + " closed the connection");
        }
        String line = new String(buffer, position, end - position, StandardCharsets.UTF_8);
        position = end + 1;
        return line;
    }

    /** Index of the next '\n' at or after position, reading more as needed; -1 at the end of the stream. */
    private int indexOfNewline() throws IOException {
        int scanFrom = position;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            if (position > 0) { // make room: move the partial line to the front
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
            scanFrom = limit;
            int n;
            try {
                n = in.read(buffer, limit, buffer.length - limit);
            } catch (SocketTimeoutException e) {
                throw new ReplayException("the load generator at " + where + " did not answer in time", e);
            }
            if (n < 0) {
                return -1;
            }
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
