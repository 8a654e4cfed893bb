package statelab.core;

/**
 * The idle timeout of the variants that keep one state per word and can let it go ({@code map-with-state},
 * {@code structured-arbitrary}): a word not seen for that long leaves the state, and its final count is emitted
 * once as it goes. Command line: {@code --idle-timeout 30s}; variant option {@value #OPTION}, in milliseconds.
 */
public final class IdleTimeout {

    /** The variant option: the timeout in milliseconds; 0 or absent for none. */
    public static final String OPTION = "idle-timeout-ms";

    private IdleTimeout() {
    }

    /** The timeout {@code spec} asks for, in ms (0: none); a value that is not a duration in ms is refused. */
    public static long ms(RunSpec spec) {
        String value = spec.option(OPTION, "0");
        long ms;
        try {
            ms = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LabException("idle timeout must be a number of milliseconds, got '" + value + "'");
        }
        LabException.require(ms >= 0, "idle timeout must not be negative, got " + ms + " ms");
        return ms;
    }
}
