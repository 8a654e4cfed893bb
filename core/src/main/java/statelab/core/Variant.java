package statelab.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract every word-count variant fulfils, so the harness and the {@code lab} command line can run any
 * of them by name. Each variant module registers its implementations in
 * {@code META-INF/services/statelab.core.Variant}; {@link Variants} finds them.
 *
 * <p>Besides this, every variant class has a pure pipeline builder (lines in, counts out, testable without a
 * socket) and a {@code main} that runs it against a socket, with its {@code Usage:} text in one constant.
 */
public interface Variant {

    /** The short stable name: {@code stateless}, {@code update-state}, ... */
    String name();

    /** One line: what it computes and how. */
    String description();

    /** Whether its output is running totals (true) or each batch's own counts (false). */
    boolean runningTotals();

    /**
     * Cores {@code source} occupies for good when this variant reads it: a DStream socket receiver holds one task
     * slot for the whole run; the replay source's direct input holds none. A fair comparison gives every variant
     * the same cores for processing on top of these.
     */
    default int sourceCores(Source source) {
        return 0;
    }

    /**
     * Whether a batch holds one batch interval of input however late it runs: a receiver's batch holds what arrived
     * in its interval, and a DStream on the replay source reads the lines due in the interval before its batch
     * time. A backlog of such batches, each slower than the interval, can then only grow. A Structured Streaming
     * micro-batch instead takes everything due when it starts, so a late one is a bigger one.
     */
    default boolean batchHoldsOneInterval(Source source) {
        return sourceCores(source) > 0;
    }

    /**
     * Whether it writes its whole state to the checkpoint every few batches (the DStream state streams, every
     * {@code checkpointEveryBatches}): a measurement window must then hold at least one such cycle.
     */
    default boolean checkpointsStatePeriodically() {
        return false;
    }

    /**
     * About how many bytes of JVM heap a key of its state takes, the generations a batch keeps alive included,
     * so a run can refuse up front a state the heap cannot hold; 0 when the state is not on the heap or there is
     * none. An estimate from measured runs, not a promise.
     */
    default long heapBytesPerKey() {
        return 0;
    }

    /**
     * Whether every completed batch leaves its effect durable (Structured Streaming commits its state store with
     * each micro-batch; table-reaggregation writes each batch's rows to its table), rather than only every state
     * checkpoint interval (a stateful DStream's checkpointed state RDD). A restart on the checkpoint computes again
     * at most the batches after the last durable one.
     */
    default boolean durableEveryBatch() {
        return false;
    }

    /**
     * When a batch's output was complete (its new totals visible at the sink), epoch ms, from the batch's metrics:
     * for a DStream, Spark's batch time plus its total delay (the output operations end the batch's jobs).
     */
    default long batchOutputAtMs(BatchMetrics batch) {
        return batch.batchTimeMs() + batch.totalDelayMs();
    }

    /** The sources it can read, its default first. */
    default List<Source> sources() {
        return List.of(Source.SOCKET);
    }

    /** The source it reads when none is given: the first of {@link #sources()}. */
    default Source defaultSource() {
        return sources().get(0);
    }

    /** The source {@code spec} asks for (the default when none), refused when this variant cannot read it. */
    default Source source(RunSpec spec) {
        return resolveSource(spec.source());
    }

    /** {@code requested}, or the default when null; refused when this variant cannot read it. */
    default Source resolveSource(Source requested) {
        Source source = requested != null ? requested : defaultSource();
        if (!sources().contains(source)) {
            throw new LabException("source " + source.label() + " does not apply to " + name() + " (it reads: "
                    + String.join(", ", sources().stream().map(Source::label).toList()) + ")");
        }
        return source;
    }

    /** The variant-specific option names it accepts in {@link RunSpec#options()}. */
    default Set<String> optionNames() {
        return Set.of();
    }

    /** Whether it keeps its state in Structured Streaming's state store (whose settings {@code --conf} may change). */
    default boolean usesStateStore() {
        return false;
    }

    /**
     * Options a measured run sets unless told otherwise, so that every variant's sink sees comparable output
     * (Structured Streaming: only changed totals, as mapWithState emits).
     */
    default Map<String, String> measuringDefaults() {
        return Map.of();
    }

    /** Connects to the load generator and starts the job; batches' counts go to {@code sink}. */
    RunningJob start(RunSpec spec, CountsSink sink);
}
