package statelab.harness.measure;

import java.util.Locale;
import statelab.core.LabException;

/** What a recovery measurement kills with SIGKILL mid-run. */
public enum Fault {
    /** The driver's JVM (the whole application on a local master): started again on its checkpoint. */
    DRIVER,
    /** One executor JVM on a standalone cluster: the driver goes on, Spark reruns the lost work. */
    EXECUTOR,
    /** One worker JVM on a standalone cluster, and with it its executors: the driver goes on elsewhere. */
    WORKER;

    /** {@code driver}, {@code executor} or {@code worker}; anything else is a clear error. */
    public static Fault parse(String value) {
        for (Fault fault : values()) {
            if (fault.label().equals(value)) {
                return fault;
            }
        }
        throw new LabException("--kill must be driver, executor or worker, got '" + value + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
