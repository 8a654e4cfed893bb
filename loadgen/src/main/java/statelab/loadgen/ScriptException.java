package statelab.loadgen;

/**
 * A malformed timeline script. The message is exactly {@code FILE:LINE: what is wrong}, like a compiler's,
 * for example {@code bad.txt:3: time '-1' must be a non-negative number of seconds}.
 */
public final class ScriptException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;
    private final String problem;

    public ScriptException(String source, int lineNumber, String problem) {
        super(source + ":" + lineNumber + ": " + problem);
        this.source = source;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** The file name (or built-in script name) the problem is in. */
    public String source() {
        return source;
    }

    /** 1-based line number in the file. */
    public int lineNumber() {
        return lineNumber;
    }

    /** What is wrong, without the {@code FILE:LINE:} prefix. */
    public String problem() {
        return problem;
    }
}
