package statelab.notebooks;

/** A cell that does not compile: JShell's diagnostics, with the cell's line and a caret under the spot. */
public final class CompilationException extends Exception {

    private static final long serialVersionUID = 1L;

    public CompilationException(String message) {
        super(message);
    }
}
