package statelab.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A driver-side registry of sinks. A DStream graph is serialized into its checkpoint, so the output closures
 * hold only a sink's id and look the sink up here when a batch runs (on the driver).
 */
public final class CountsSinks {

    private static final Map<String, CountsSink> SINKS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private CountsSinks() {
    }

    /** Registers a sink under a new id. */
    public static String register(CountsSink sink) {
        String id = "sink-" + NEXT_ID.incrementAndGet();
        SINKS.put(id, sink);
        return id;
    }

    /** Registers a sink under a given id (a job recovered from a checkpoint keeps its old id). */
    public static void register(String id, CountsSink sink) {
        SINKS.put(id, sink);
    }

    /** The sink registered under {@code id}, or a sink that only materialises the batch. */
    public static CountsSink get(String id) {
        return SINKS.getOrDefault(id, MaterialiseOnly.INSTANCE);
    }

    public static void unregister(String id) {
        SINKS.remove(id);
    }

    /** Wants nothing on the driver; the batch is still computed in full. */
    public enum MaterialiseOnly implements CountsSink {
        INSTANCE;

        @Override
        public int rowsWanted(long batchTimeMs) {
            return NONE;
        }

        @Override
        public void accept(long batchTimeMs, java.util.List<scala.Tuple2<String, Long>> rows, boolean more) {
        }
    }
}
