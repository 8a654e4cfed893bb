package statelab.mapwithstate;

import java.util.Set;
import org.apache.spark.api.java.Optional;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.State;
import org.apache.spark.streaming.StateSpec;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.dstream.DStream;
import org.apache.spark.streaming.api.java.JavaMapWithStateDStream;
import scala.Tuple2;
import statelab.core.ConsoleRun;
import statelab.core.CountsSink;
import statelab.core.DStreamJob;
import statelab.core.DStreamOutputs;
import statelab.core.DStreamVariant;
import statelab.core.IdleTimeout;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.WordPairs;

/**
 * Keeps running word totals with {@code mapWithState}: the same totals as updateStateByKey, but each batch
 * touches only the keys that have new data, so its cost follows the batch, not the state. The full totals
 * (what the chapter prints) are the state's snapshots; the per-batch output is the updated keys only.
 *
 * <p>Option {@code idle-timeout-ms} (command line: {@code --idle-timeout 30s}; see {@link IdleTimeout}): a word not
 * seen for that long leaves the state, and its final count is emitted once as it goes.
 *
 * <p>Usage: see {@link #USAGE}. Run it against the load generator with the chapter's timeline:
 * <pre>
 *   ./lab loadgen --port 9999 --script chapter     # terminal 1
 *   ./lab run map-with-state --port 9999           # terminal 2
 * </pre>
 */
public final class MapWithStateWordCount implements DStreamVariant {

    public static final String NAME = "map-with-state";
    public static final String IDLE_TIMEOUT_MS = IdleTimeout.OPTION;
    public static final String USAGE = "Usage: MapWithStateWordCount <hostname> <port> [batch-ms]\n"
            + "  Keeps running word totals (mapWithState) of lines read from <hostname>:<port>.\n"
            + "  Run it as: ./lab run map-with-state --host <hostname> --port <port> [--batch 1s] [--idle-timeout 30s]";

    /** Adds a batch's count to a word's total; a word timing out emits its final total and leaves the state. */
    public static Tuple2<String, Long> addToTotal(String word, Optional<Long> batchCount, State<Long> total) {
        long sum = total.exists() ? total.get() : 0L;
        if (total.isTimingOut()) {
            return new Tuple2<>(word, sum);
        }
        sum += batchCount.orElse(0L);
        total.update(sum);
        return new Tuple2<>(word, sum);
    }

    /**
     * The pipeline: lines in, a stream of (word, new total) for the words updated in each batch out; its
     * {@code stateSnapshots()} are the running totals of every word.
     *
     * @param idleTimeoutMs 0 for none
     */
    public static JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> totals(
            JavaDStream<String> lines, long idleTimeoutMs, long checkpointIntervalMs) {
        StateSpec<String, Long, Long, Tuple2<String, Long>> spec = StateSpec
                .function(MapWithStateWordCount::addToTotal);
        if (idleTimeoutMs > 0) {
            spec = spec.timeout(Durations.milliseconds(idleTimeoutMs));
        }
        JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> updates =
                WordPairs.batchCounts(lines).mapWithState(spec);
        updates.checkpoint(Durations.milliseconds(checkpointIntervalMs));
        // DStream.checkpoint(interval) also switches the state stream to serialized storage (MEMORY_ONLY_SER):
        // every batch would then deserialize the whole previous state and serialize the whole new one, a cost
        // that grows with the state (at 1 M keys: half of all CPU time). mapWithState's own choice is deserialized
        // state (MEMORY_ONLY), where a batch touches only its keys; put it back.
        stateStream(updates).persist(StorageLevel.MEMORY_ONLY());
        return updates;
    }

    /** The stream of state maps behind {@code updates} (mapWithState's internal stream, its only dependency). */
    static DStream<?> stateStream(JavaMapWithStateDStream<?, ?, ?, ?> updates) {
        return updates.dstream().dependencies().head();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "running totals with mapWithState: only the keys in the batch are touched";
    }

    @Override
    public boolean runningTotals() {
        return true;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(IDLE_TIMEOUT_MS);
    }

    /** Its state RDD is checkpointed every few batches, not with each one. */
    @Override
    public boolean checkpointsStatePeriodically() {
        return true;
    }

    /**
     * Its state maps, deserialized, with the delta generations a batch keeps alive: about 1,000 bytes per key
     * (10 M keys ran in a 16 GB heap; an estimate, see BENCHMARKS.md).
     */
    @Override
    public long heapBytesPerKey() {
        return 1_000;
    }

    @Override
    public RunningJob start(RunSpec spec, CountsSink sink) {
        long idleTimeoutMs = IdleTimeout.ms(spec);
        long checkpointIntervalMs = spec.batchMs() * spec.checkpointEveryBatches();
        return DStreamJob.start(spec, source(spec), sink, true, (ssc, lines, sinkId) -> {
            JavaMapWithStateDStream<String, Long, Long, Tuple2<String, Long>> updates =
                    totals(lines, idleTimeoutMs, checkpointIntervalMs);
            DStreamOutputs.deliver(updates, updates.stateSnapshots(), sinkId);
        });
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleRun.main(new MapWithStateWordCount(), USAGE, args);
    }
}
