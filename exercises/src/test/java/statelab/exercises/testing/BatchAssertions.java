package statelab.exercises.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares outputs batch by batch, so a failure names the first batch that differs and its input. */
public final class BatchAssertions {

    private BatchAssertions() {
    }

    public static void assertBatches(String output, List<List<String>> input, List<Map<String, Long>> actual,
                                     List<Map<String, Long>> expected) {
        assertThat(actual).as("%s: number of batches", output).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            // Sorted maps print in word order: easier to compare by eye.
            assertThat(new TreeMap<>(actual.get(i)))
                    .as("%s after batch %d (input %s)", output, i + 1, i < input.size() ? input.get(i) : List.of())
                    .isEqualTo(new TreeMap<>(expected.get(i)));
        }
    }
}
