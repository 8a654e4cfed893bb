package statelab.core;

/** A started streaming job. */
public interface RunningJob extends AutoCloseable {

    /** Waits up to {@code timeoutMs} for the job to end by itself; true if it ended. */
    boolean awaitTermination(long timeoutMs) throws InterruptedException;

    /**
     * Stops the job and its Spark context. Gracefully means: finish processing the data already received
     * first (bounded by Spark's graceful-stop timeout).
     */
    void stop(boolean gracefully);

    /** The address of Spark's web UI while the job runs with the UI on, or null. */
    default String uiUrl() {
        return null;
    }

    /** The failure that ended the job, or null. */
    Throwable failure();

    @Override
    default void close() {
        stop(false);
    }
}
