package statelab.loadgen;

/** The load generator could not start or run, for example {@code port 9999 on 127.0.0.1 is already in use}. */
public final class LoadGenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoadGenException(String message) {
        super(message);
    }

    public LoadGenException(String message, Throwable cause) {
        super(message, cause);
    }
}
