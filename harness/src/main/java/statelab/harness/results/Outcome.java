package statelab.harness.results;

/**
 * How a measured run ended, as its summary records it.
 * <ul>
 *   <li>{@code VERIFIED}: the final counts equal the load generator's ledger word by word (or, for a variant
 *       without running totals, every line sent was processed once);</li>
 *   <li>{@code STOPPED_BEHIND}: the run fell behind and was stopped at the end of its measured window on purpose
 *       ({@code --quit-when-behind}): a valid measurement whose counts were not checked;</li>
 *   <li>{@code FAILED}: the counts differ, or the run never caught up to deliver them.</li>
 * </ul>
 */
public enum Outcome {
    VERIFIED, STOPPED_BEHIND, FAILED;

    /** Neither lost nor wrong: verified, or stopped on purpose because it fell behind. */
    public boolean usable() {
        return this != FAILED;
    }
}
