package statelab.harness.measure;

import statelab.core.LabException;
import statelab.core.Variants;

/**
 * Refuses up front a state the heap cannot hold, with the estimate, instead of an OutOfMemoryError in the
 * middle of a walk. The estimate is the variant's own ({@link statelab.core.Variant#heapBytesPerKey()}: JVM
 * objects per key of state, the generations a batch keeps alive included); a variant that keeps its state off
 * the heap (RocksDB) or keeps none estimates 0 and is never refused.
 */
public final class HeapEstimate {

    /** The share of the heap the state may take: the rest is Spark's, the batch's and the collector's. */
    static final double STATE_SHARE = 0.8;

    private HeapEstimate() {
    }

    /** Refuses {@code keys} keys of {@code variant}'s state when they would not fit {@code maxHeapBytes}. */
    public static void require(String variant, long keys, long maxHeapBytes, String heapName) {
        long perKey = Variants.byName(variant).heapBytesPerKey();
        double needed = (double) perKey * keys;
        if (perKey > 0 && needed > STATE_SHARE * maxHeapBytes) {
            throw new LabException(String.format("%,d keys of %s need about %.1f GB of heap (%,d bytes per key), more "
                    + "than %.0f%% of %s's %.1f GB: give it more (--heap, or -Xmx in LAB_JAVA_OPTS) or walk to "
                    + "fewer keys", keys, variant, needed / 1e9, perKey, STATE_SHARE * 100, heapName,
                    maxHeapBytes / 1e9));
        }
    }

    /** {@code 12g}, {@code 512m}, {@code 2048k} or bytes, as -Xmx takes them. */
    public static long parseHeap(String value) {
        String text = value.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'g' -> 1L << 30;
            case 'm' -> 1L << 20;
            case 'k' -> 1L << 10;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            long amount = Long.parseLong(digits);
            if (amount <= 0) {
                throw new NumberFormatException();
            }
            return amount * unit;
        } catch (NumberFormatException e) {
            throw new LabException("--heap must be a size like 8g or 512m, got '" + value + "'");
        }
    }
}
