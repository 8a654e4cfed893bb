package statelab.harness.measure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts lab commands in JVMs of their own, as a sweep, a search and a recovery measurement need (and a cluster
 * for the latter to kill parts of): measure says what to run, the command line (which knows its own arguments)
 * says how. Every such JVM's output goes to {@code log}.
 */
public interface LabJvm {

    /**
     * {@code lab bench}: one walk through {@code points} (one point alone: a measured run) with its files below
     * {@code dir} ({@link Walk#pointDirectory}).
     */
    Process bench(List<RunSettings> points, long walkAtLeastKeys, Path dir, Path log, List<String> jvmOptions)
            throws IOException;

    /** The variant's JVM in a recovery measurement ({@link RecoveryChild}). */
    Process recoveryChild(RecoveryChild.Plan plan, Path log, List<String> jvmOptions) throws IOException;

    /**
     * A standalone cluster (a master and {@code workers} workers of {@code coresPerWorker} cores, each its own
     * JVM) with its files in {@code dir}, for a recovery measurement that kills an executor or a worker.
     */
    Cluster startCluster(Path dir, int workers, int coresPerWorker) throws Exception;
}
