package statelab.harness.measure;

/**
 * A Spark standalone cluster a recovery measurement runs its variant on, to kill a part of it
 * ({@link Fault#EXECUTOR}, {@link Fault#WORKER}); started through {@link LabJvm#startCluster}.
 */
public interface Cluster extends AutoCloseable {

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl();

    /** SIGKILLs one executor JVM (waiting until it is gone); returns what was killed, for the log. */
    String killExecutor() throws Exception;

    /** SIGKILLs one worker JVM that runs an executor (its executors exit with it); returns what was killed. */
    String killWorker() throws Exception;

    /** Stops what is left of the cluster. */
    @Override
    void close() throws Exception;
}
