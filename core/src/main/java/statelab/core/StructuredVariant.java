package statelab.core;

import java.util.List;

/**
 * A variant built on Structured Streaming ({@link StructuredJob}): what every such variant shares about its input,
 * its state store and its batches. It reads the load generator's replay protocol by default (exact recovery, keeps
 * up) or Spark's socket source (the chapter's); its state lives in a state store, the HDFS-backed in-memory one or
 * RocksDB, chosen with the {@value #STATE_STORE} option.
 */
public interface StructuredVariant extends Variant {

    /** The option choosing the state store: {@code hdfs} or {@code rocksdb}. */
    String STATE_STORE = "state-store";

    /** The replay protocol by default (exact recovery, keeps up); Spark's socket source for the chapter. */
    @Override
    default List<Source> sources() {
        return List.of(Source.REPLAY, Source.SOCKET);
    }

    @Override
    default boolean usesStateStore() {
        return true;
    }

    /** {@inheritDoc} (its state store commits with every micro-batch) */
    @Override
    default boolean durableEveryBatch() {
        return true;
    }

    /** A micro-batch's time is when its trigger started: its output is complete when the trigger's execution ends. */
    @Override
    default long batchOutputAtMs(BatchMetrics batch) {
        return batch.batchTimeMs() + batch.processingMs();
    }

    /** The state store when the option is not given: {@code hdfs} or {@code rocksdb}. */
    default String defaultStateStore() {
        return "hdfs";
    }

    /**
     * The HDFS-backed store keeps every key in a JVM map, about 500 bytes per key as it reports its memory, and
     * more than one version in memory: about 1,200 bytes per key in all (an estimate, measured with a count per
     * word). RocksDB keeps its state off the heap.
     */
    @Override
    default long heapBytesPerKey() {
        return defaultStateStore().equals("rocksdb") ? 0 : 1_200;
    }

    /** Whether {@code spec} puts the state in RocksDB ({@value #STATE_STORE}, or the default); refused otherwise. */
    default boolean rocksDb(RunSpec spec) {
        String store = spec.option(STATE_STORE, defaultStateStore());
        if (!store.equals("hdfs") && !store.equals("rocksdb")) {
            throw new LabException("state store must be hdfs or rocksdb, got '" + store + "'");
        }
        return store.equals("rocksdb");
    }
}
