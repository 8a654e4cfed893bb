package statelab.core;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * The memory a DStream job's state takes in Spark's block manager: the cached blocks of its state RDDs, as
 * {@link SparkContext#getRDDStorageInfo()} reports them (only cached RDDs are listed).
 *
 * <p>A state RDD is recognised by what Spark reports for it: {@code mapWithState}'s are {@code MapWithStateRDD}s
 * (the RDD class of its state stream, unnamed, so reported by class name); {@code updateStateByKey}'s are plain
 * {@code MapPartitionsRDD}s whose creation site is the {@code updateStateByKey} call (its state stream's only cached
 * RDDs). A stream's RDDs all share its creation site, which tells one state stream from another.
 *
 * <p>Of each state stream only its newest generation counts: the cached RDD with the highest id whose partitions
 * are all reported. Spark keeps older generations cached until they leave the stream's remember window, and they
 * are not the state's size: a {@code mapWithState} generation refers to its parents' maps (the newest one's
 * estimate already includes what it shares with them), an {@code updateStateByKey} generation is a full copy that
 * is dropped a few batches later. A generation still being computed, or not yet fully reported by the listener bus,
 * does not count yet: the one before it does. When no generation is complete (partitions evicted), the newest one
 * counts with what it holds.
 *
 * <p>Bytes are what the memory store accounts for a block: for a deserialized level ({@code mapWithState}'s
 * {@code MEMORY_ONLY}) the JVM objects as Spark's {@code SizeEstimator} estimates them, the batch's mapped output
 * held in the same records included; for a serialized level ({@code updateStateByKey}'s {@code MEMORY_ONLY_SER},
 * Spark's default for it) the serialized bytes. Reading costs a look-up per cached RDD, nothing per key.
 */
public final class DStreamStateMemory {

    /** {@code mapWithState}'s state RDD class, the name Spark reports for an unnamed RDD. */
    private static final String MAP_WITH_STATE_RDD = "MapWithStateRDD";
    /** The short creation site of {@code updateStateByKey}'s RDDs: "updateStateByKey at File.java:line". */
    private static final String UPDATE_STATE_BY_KEY_SITE = "updateStateByKey at ";

    private final SparkContext sc;

    public DStreamStateMemory(SparkContext sc) {
        this.sc = sc;
    }

    /** The state's bytes in memory now, over every state stream; -1 when no state RDD is cached. */
    public long bytes() {
        RDDInfo[] infos;
        try {
            infos = sc.getRDDStorageInfo();
        } catch (IllegalStateException e) {
            return -1; // the context stopped under a late batch: its timings still count, its memory is gone
        }
        return newestGenerationBytes(infos);
    }

    /** The memory of each state stream's newest complete generation (or newest, when none is complete), summed. */
    static long newestGenerationBytes(RDDInfo[] infos) {
        Map<String, RDDInfo> newestComplete = new HashMap<>();
        Map<String, RDDInfo> newest = new HashMap<>();
        for (RDDInfo info : infos) {
            if (!isState(info)) {
                continue;
            }
            newest.merge(info.callSite(), info, DStreamStateMemory::newer);
            if (info.numCachedPartitions() >= info.numPartitions()) {
                newestComplete.merge(info.callSite(), info, DStreamStateMemory::newer);
            }
        }
        if (newest.isEmpty()) {
            return -1;
        }
        long bytes = 0;
        for (Map.Entry<String, RDDInfo> stream : newest.entrySet()) {
            bytes += newestComplete.getOrDefault(stream.getKey(), stream.getValue()).memSize();
        }
        return bytes;
    }

    static boolean isState(RDDInfo info) {
        return info.isCached() && (MAP_WITH_STATE_RDD.equals(info.name())
                || info.callSite() != null && info.callSite().startsWith(UPDATE_STATE_BY_KEY_SITE));
    }

    private static RDDInfo newer(RDDInfo a, RDDInfo b) {
        return a.id() >= b.id() ? a : b;
    }
}
