package statelab.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import statelab.core.BatchMetrics;
import statelab.core.DStreamStateMemory;

/**
 * Batches that grow a state from {@value #SMALL_KEYS} to {@value #LARGE_KEYS} distinct words, and the checks a
 * stateful variant's reported state memory must pass on them.
 */
public final class StateSizes {

    public static final int SMALL_KEYS = 1_000;
    public static final int LARGE_KEYS = 100_000;
    /** The batch after which the state holds {@value #SMALL_KEYS} keys (two batches after they came). */
    public static final int SMALL_AT = 2;
    /** The batch after which the state holds {@value #LARGE_KEYS} keys. */
    public static final int LARGE_AT = 5;
    /** A floor no state goes below: a word ({@code w0} to {@code w99999}) and its total, even Kryo-serialized. */
    public static final long MIN_BYTES_PER_KEY = 8;
    /** How much more memory 100 times the keys must take at least: far from constant, whatever the overheads. */
    public static final double MIN_GROWTH = 20;

    /** Batch 0: the small state's words; batch 3: the rest of the large state's words; empty batches between. */
    public static final List<List<String>> BATCHES = List.of(
            lines(0, SMALL_KEYS), List.of(), List.of(), lines(SMALL_KEYS, LARGE_KEYS), List.of(), List.of());

    private StateSizes() {
    }

    /** Words {@code w<from>} to {@code w<to - 1>}, once each, 1,000 to a line. */
    static List<String> lines(int from, int to) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = from; i < to; i++) {
            line.append('w').append(i).append(' ');
            if ((i + 1 - from) % 1_000 == 0 || i == to - 1) {
                lines.add(line.toString());
                line.setLength(0);
            }
        }
        return lines;
    }

    /**
     * Every batch reports state memory, at least {@value #MIN_BYTES_PER_KEY} bytes per key, and the large state
     * at least {@value #MIN_GROWTH} times the small one's. Prints the bytes per key.
     */
    public static void assertGrowsWithTheKeys(String variant, List<BatchMetrics> metrics) {
        assertThat(metrics).as("%s: every batch reports its state's memory", variant)
                .allSatisfy(m -> assertThat(m.stateBytes()).isPositive());
        long small = metrics.get(SMALL_AT).stateBytes();
        long large = metrics.get(LARGE_AT).stateBytes();
        System.out.printf("%s: state memory %,d bytes at %,d keys (%.1f per key), %,d bytes at %,d keys "
                        + "(%.1f per key)%n", variant, small, SMALL_KEYS, small / (double) SMALL_KEYS, large,
                LARGE_KEYS, large / (double) LARGE_KEYS);
        assertThat(small).as("%s: bytes at %d keys", variant, SMALL_KEYS)
                .isGreaterThanOrEqualTo(MIN_BYTES_PER_KEY * SMALL_KEYS);
        assertThat(large).as("%s: bytes at %d keys", variant, LARGE_KEYS)
                .isGreaterThanOrEqualTo(MIN_BYTES_PER_KEY * LARGE_KEYS);
        assertThat(large / (double) small).as("%s: growth from %d to %d keys", variant, SMALL_KEYS, LARGE_KEYS)
                .isGreaterThanOrEqualTo(MIN_GROWTH);
    }

    /**
     * Reads the state memory as the listener does, many times, and prints the mean cost of a read (for the record,
     * not asserted: a time depends on the machine). Returns the bytes the last read found.
     */
    public static long printReadCost(String variant, SparkContext sc) {
        DStreamStateMemory memory = new DStreamStateMemory(sc);
        long bytes = -1;
        for (int i = 0; i < 100; i++) { // warm-up
            bytes = memory.bytes();
        }
        int reads = 500;
        long startNs = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            bytes = memory.bytes();
        }
        long meanNs = (System.nanoTime() - startNs) / reads;
        System.out.printf("%s: reading the state memory (%,d bytes, %d cached RDDs): %.1f us per read%n", variant,
                bytes, sc.getRDDStorageInfo().length, meanNs / 1000.0);
        return bytes;
    }
}
