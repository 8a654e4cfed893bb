package statelab.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test reader: connects, reads lines on a background thread, remembers them with their arrival times. */
final class TestClient implements AutoCloseable {

    record Received(long atNanos, String text) {
    }

    final long connectedNanos;
    private final Socket socket;
    private final Thread reader;
    private final List<Received> lines = new ArrayList<>();
    private final boolean keepText;
    private final Map<String, Long> counts = new HashMap<>();
    private long lineCount;

    private TestClient(int port, boolean keepText) throws IOException {
        this.keepText = keepText;
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        connectedNanos = System.nanoTime();
        reader = new Thread(this::readAll, "test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Keeps every line with its arrival time. */
    static TestClient keepingLines(int port) throws IOException {
        return new TestClient(port, true);
    }

    /** Only counts words (for big streams). */
    static TestClient countingWords(int port) throws IOException {
        return new TestClient(port, false);
    }

    private void readAll() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = System.nanoTime();
                synchronized (this) {
                    lineCount++;
                    if (keepText) {
                        lines.add(new Received(now, line));
                    }
                    for (String word : line.split(" ")) {
                        counts.merge(word, 1L, Long::sum);
                    }
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    synchronized boolean awaitLines(long n, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (lineCount < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized List<Received> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> texts() {
        return lines.stream().map(Received::text).toList();
    }

    synchronized long lineCount() {
        return lineCount;
    }

    synchronized Map<String, Long> counts() {
        return new HashMap<>(counts);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
