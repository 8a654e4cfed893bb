package statelab.core;

/**
 * A problem the user can fix (a bad option, a busy port, a checkpoint directory that belongs to something
 * else). The command line prints its message as one line and exits non-zero; nothing was deleted.
 */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws a LabException with {@code message} unless {@code condition} holds: the lab's input checks. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new LabException(message);
        }
    }
}
