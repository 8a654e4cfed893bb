package statelab.core;

/** Receives the metrics of every completed batch, on Spark's listener thread (keep it quick). */
@FunctionalInterface
public interface BatchListener {
    void onBatch(BatchMetrics metrics);
}
