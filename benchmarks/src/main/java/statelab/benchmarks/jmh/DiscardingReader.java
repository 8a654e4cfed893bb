package statelab.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;

/** The cheapest possible reader of the load generator's stream: a daemon thread that drops every byte. */
public final class DiscardingReader {

    private DiscardingReader() {
    }

    /** Starts a daemon thread that reads {@code in} to its end and drops every byte. */
    public static Thread start(InputStream in, String name) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256 * 1024];
            try {
                while (in.read(buffer) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // closed
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
