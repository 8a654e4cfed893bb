package statelab.loadgen;

import java.util.Arrays;
import java.util.List;

/**
 * Where the key space grows, by line number: a step starting at line {@code startLine} first sends every new
 * key (from the previous step's key count up to its own) once, {@code W} per line, then draws from the larger
 * space. Step 0 starts at line 0 with the configured keys (and sends them all first when the workload fills).
 *
 * <p>The stream's content is a pure function of the line number and these steps, so any line can be served
 * again with the same words: a step is only ever added at or after every line already due, so no line already
 * sent changes. Shared by every writer of one load generator; thread-safe (copy-on-write).
 */
final class KeySteps {

    /**
     * One step. {@code fillLines}: lines sending its new keys, from {@code startLine}; {@code fillsBefore}: fill
     * lines of all earlier steps (so random lines can be numbered without them).
     */
    record Step(long startLine, long fromKeys, long toKeys, long fillLines, long fillsBefore) {
        long fillEnd() {
            return startLine + fillLines;
        }
    }

    private final int wordsPerLine;
    private volatile Step[] steps;

    KeySteps(int wordsPerLine, long keys, boolean fill) {
        this.wordsPerLine = wordsPerLine;
        long fillLines = fill ? lines(keys) : 0;
        this.steps = new Step[] {new Step(0, 0, keys, fillLines, 0)};
    }

    /** The steps a config starts with: its keys from line 0. */
    static KeySteps of(LoadGenConfig config) {
        return new KeySteps(config.wordsPerLine(), config.keys(), config.fill());
    }

    private long lines(long keys) {
        return (keys + wordsPerLine - 1) / wordsPerLine;
    }

    List<Step> steps() {
        return List.of(steps);
    }

    /** The step line {@code index} belongs to. */
    Step stepOf(long index) {
        Step[] current = steps;
        for (int i = current.length - 1; i > 0; i--) {
            if (index >= current[i].startLine()) {
                return current[i];
            }
        }
        return current[0];
    }

    /** The step the {@code randomLine}-th random line (fill lines not counted) belongs to. */
    Step stepOfRandomLine(long randomLine) {
        Step[] current = steps;
        for (int i = current.length - 1; i > 0; i--) {
            if (randomLine >= current[i].startLine() - current[i].fillsBefore()) {
                return current[i];
            }
        }
        return current[0];
    }

    /** Keys of the last step. */
    long keys() {
        Step[] current = steps;
        return current[current.length - 1].toKeys();
    }

    /**
     * Grows the key space to {@code toKeys} from line {@code startLine} on: its new keys are sent first, once.
     *
     * @throws IllegalArgumentException if the keys do not grow, or the line is inside the last step's fill
     */
    synchronized Step add(long startLine, long toKeys) {
        Step[] current = steps;
        Step last = current[current.length - 1];
        if (toKeys <= last.toKeys() || toKeys > LoadGenConfig.MAX_KEYS) {
            throw new IllegalArgumentException("key steps must grow (up to " + LoadGenConfig.MAX_KEYS + "): "
                    + last.toKeys() + " keys now, asked for " + toKeys);
        }
        if (startLine < last.fillEnd()) {
            throw new IllegalArgumentException("a key step cannot start at line " + startLine + ", inside the "
                    + "previous step's fill (which ends at line " + last.fillEnd() + ")");
        }
        Step step = new Step(startLine, last.toKeys(), toKeys, lines(toKeys - last.toKeys()),
                last.fillsBefore() + last.fillLines());
        Step[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = step;
        steps = next;
        return step;
    }
}
