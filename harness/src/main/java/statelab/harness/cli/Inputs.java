package statelab.harness.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import statelab.core.LabException;

/** Checks of options that picocli's types do not make, done before anything starts (bad input: exit code 2). */
final class Inputs {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

    private Inputs() {
    }

    /** A JVM heap size as {@code -Xmx} takes it ({@code 512m}, {@code 8g}); the JVM would fail on anything else. */
    static String heap(String value) {
        if (value == null || !HEAP.matcher(value.strip()).matches()) {
            throw new LabException("--heap must be a size such as 512m or 8g, got '" + value + "'");
        }
        return value.strip();
    }

    /** A comma list option: not empty, and no value twice. */
    static <T> List<T> distinct(String option, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new LabException(option + " needs at least one value");
        }
        Set<T> seen = new HashSet<>();
        List<T> twice = new ArrayList<>();
        for (T value : values) {
            if (value instanceof String text && text.isBlank()) {
                throw new LabException(option + " has an empty value");
            }
            if (!seen.add(value)) {
                twice.add(value);
            }
        }
        if (!twice.isEmpty()) {
            throw new LabException(option + " names " + twice.get(0) + " twice");
        }
        return values;
    }

    /** The JVM options of a child JVM with {@code --heap} (none without). */
    static List<String> heapOptions(String heap) {
        return heap == null ? List.of() : List.of("-Xmx" + heap(heap));
    }
}
