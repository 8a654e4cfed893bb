package statelab.core;

import java.util.Locale;

/** Where a variant's lines come from: a property of every run, recorded in results and checkpoints. */
public enum Source {
    /** The load generator's replay protocol: lines have numbers and any range can be read again. */
    REPLAY,
    /** A plain socket (Spark's socket receiver or socket source): one connection, nothing replayable. */
    SOCKET;

    /** {@code replay} or {@code socket}; anything else is a clear error. */
    public static Source parse(String value) {
        for (Source source : values()) {
            if (source.label().equals(value)) {
                return source;
            }
        }
        throw new LabException("source must be replay or socket, got '" + value + "'");
    }

    /** The name results, checkpoints and the command line use: {@code replay} or {@code socket}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
