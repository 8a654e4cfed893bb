package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import statelab.core.CountsSink;

/** The verifying sink collects from a batch time on, so no batch of the measured load pays for collecting. */
class VerifyingSinkTest {

    @Test
    void collectsOnlyBatchesFromTheArmedTimeOn() throws Exception {
        VerifyingSink sink = new VerifyingSink();
        assertThat(sink.rowsWanted(1_000)).isEqualTo(CountsSink.NONE);

        sink.armFrom(5_000);

        assertThat(sink.rowsWanted(4_999)).as("a batch of the load, even if its output runs now")
                .isEqualTo(CountsSink.NONE);
        assertThat(sink.rowsWanted(5_000)).isEqualTo(CountsSink.ALL);
        sink.accept(4_000, List.of(new Tuple2<>("c", 1L)), false);
        sink.accept(5_000, List.of(new Tuple2<>("a", 2L), new Tuple2<>("b", 1L)), false);
        sink.accept(6_000, List.of(new Tuple2<>("a", 3L)), false);
        assertThat(sink.totals()).isEqualTo(Map.of("a", 3L, "b", 1L));
        assertThat(sink.awaitTotals(4, 2, 10, () -> 0)).isTrue();
    }
}
