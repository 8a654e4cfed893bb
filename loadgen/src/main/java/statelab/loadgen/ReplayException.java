package statelab.loadgen;

import java.io.IOException;

/** The replay protocol failed: nothing listens, the server does not speak it, or it refused a request. */
public final class ReplayException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
