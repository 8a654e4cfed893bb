package statelab.core;

import java.util.List;

/**
 * A variant built on Spark Streaming's DStreams ({@link DStreamJob}): what every such variant shares about its
 * input. It reads the load generator's replay protocol by default (a direct input: exact recovery, no receiver)
 * or Spark's socket receiver, which holds a core of its own; on either, a batch holds one interval of input.
 */
public interface DStreamVariant extends Variant {

    @Override
    default List<Source> sources() {
        return List.of(Source.REPLAY, Source.SOCKET);
    }

    @Override
    default int sourceCores(Source source) {
        return source == Source.SOCKET ? 1 : 0; // the socket receiver
    }

    @Override
    default boolean batchHoldsOneInterval(Source source) {
        return true;
    }
}
