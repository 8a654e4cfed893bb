package statelab.core.testing;

import java.util.List;
import java.util.Map;

/**
 * The chapter's timeline (Learning PySpark, 10.5) as batches of lines, and the outputs the chapter shows.
 * Second 1: blue x5 and green x3; second 2: gohawks; second 3: nothing; second 4: green x2.
 */
public final class ChapterTimeline {

    public static final List<List<String>> BATCHES = List.of(
            List.of("blue blue blue blue blue green green green"),
            List.of("gohawks"),
            List.of(),
            List.of("green green"));

    /** What the stateless count prints, batch by batch. */
    public static final List<Map<String, Long>> STATELESS_OUTPUTS = List.of(
            Map.of("blue", 5L, "green", 3L),
            Map.of("gohawks", 1L),
            Map.of(),
            Map.of("green", 2L));

    /** What a running (global) count prints, batch by batch. */
    public static final List<Map<String, Long>> RUNNING_TOTALS = List.of(
            Map.of("blue", 5L, "green", 3L),
            Map.of("blue", 5L, "green", 3L, "gohawks", 1L),
            Map.of("blue", 5L, "green", 3L, "gohawks", 1L),
            Map.of("blue", 5L, "green", 5L, "gohawks", 1L));

    private ChapterTimeline() {
    }
}
