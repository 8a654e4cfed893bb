package statelab.harness.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import statelab.core.Variants;

/**
 * The chapter end to end: the load generator plays the chapter's timeline over a real socket (aligned so each
 * second lands mid-batch) and the DStream variants print what the chapter shows.
 */
class ChapterOverSocketIT {

    @Test
    void statelessForgetsAndUpdateStateKeepsTotals() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, List<ChapterDemo.Batch>> results = ChapterDemo.run(
                List.of(Variants.byName("stateless"), Variants.byName("update-state")), "local[2]", 1000,
                new PrintStream(printed, true));

        List<Map<String, Long>> stateless = withData(results.get("stateless"));
        assertThat(stateless).containsExactly(Map.of("blue", 5L, "green", 3L), Map.of("gohawks", 1L),
                Map.of("green", 2L));

        List<Map<String, Long>> totals = withData(results.get("update-state")).stream().distinct()
                .collect(Collectors.toList());
        assertThat(totals).containsExactly(Map.of("blue", 5L, "green", 3L),
                Map.of("blue", 5L, "green", 3L, "gohawks", 1L), Map.of("blue", 5L, "green", 5L, "gohawks", 1L));

        ChapterDemo.printSideBySide(results, 1000, new PrintStream(printed, true));
        assertThat(printed.toString()).contains("second 4", "{(green,2)}", "{(blue,5),(gohawks,1),(green,5)}");
    }

    private static List<Map<String, Long>> withData(List<ChapterDemo.Batch> batches) {
        return batches.stream().map(ChapterDemo.Batch::counts).filter(c -> !c.isEmpty()).collect(Collectors.toList());
    }
}
