package statelab.harness.measure;

/**
 * A run that was started and failed (its JVM died, hung, or wrote no results), or a sweep some of whose runs
 * did: the command line reports it in one line and exits 1, as for counts that differ from the ledger. Bad input
 * is a {@link statelab.core.LabException} instead (exit code 2), found before anything starts.
 */
public class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunFailedException(String message) {
        super(message);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
