package statelab.notebooks;

/**
 * A cell that threw an {@link Error} (StackOverflowError, OutOfMemoryError, NoClassDefFoundError, ...). The
 * protocol layer reports exceptions only, so the error travels inside this one; the message names it.
 */
public final class SnippetError extends Exception {

    private static final long serialVersionUID = 1L;

    public SnippetError(Error error) {
        super(error.toString(), error);
        setStackTrace(error.getStackTrace());
    }
}
