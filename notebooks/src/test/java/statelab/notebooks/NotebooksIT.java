package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import statelab.core.testing.ChapterTimeline;

/**
 * Executes every notebook headless with the lab's kernel, as a reader would run it top to bottom: a failing
 * cell fails the notebook (and the build). Then checks what the notebook shows: the chapter's counts, the
 * charts, the totals continuing after a restart. The stored notebooks themselves must carry outputs.
 */
class NotebooksIT {

    private static final Path NOTEBOOKS = Path.of("").toAbsolutePath();
    private static final List<String> EXPECTED = List.of("01-stateless.ipynb", "02-update-state.ipynb",
            "03-map-with-state.ipynb", "04-structured.ipynb", "05-table-reaggregation.ipynb",
            "06-delay-vs-state-size.ipynb", "07-recovery.ipynb");

    private static TestJupyter.Executed execute(String name) throws Exception {
        RunNotebooks.Result result = RunNotebooks.execute(NOTEBOOKS.resolve(name), TestJupyter.EXECUTED,
                TestJupyter.EXECUTED, TestJupyter.dataDir(), TestJupyter.cellTimeoutS(), false);
        System.out.printf("%s: exit %d in %d s%n", name, result.exitCode(), result.seconds());
        assertThat(result.exitCode()).as("%s failed; nbconvert's log ends:%n%s", name, result.logTail(40)).isZero();
        return TestJupyter.Executed.read(result.executed());
    }

    /** The chapter's way of printing a batch: {(blue,5),(green,3)}. */
    private static String chapterFormat(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "(" + e.getKey() + "," + e.getValue() + ")").collect(Collectors.joining(",", "{", "}"));
    }

    /** A collected list of Spark tuples: [(blue,5), (green,3)]. */
    private static String tupleList(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "(" + e.getKey() + "," + e.getValue() + ")").collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void theNotebooksAreStoredWithOutputsAndSayHowToRunThemOutside() throws Exception {
        assertThat(RunNotebooks.numberedNotebooks(NOTEBOOKS)).extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(EXPECTED);
        for (String name : EXPECTED) {
            TestJupyter.Executed stored = TestJupyter.Executed.read(NOTEBOOKS.resolve(name));
            assertThat(stored.notebook().path("metadata").path("kernelspec").path("name").asText()).as(name)
                    .isEqualTo(KernelSpec.NAME);
            List<JsonNode> cells = stored.cells();
            long codeCells = cells.stream().filter(c -> c.path("cell_type").asText().equals("code")).count();
            long withOutputs = cells.stream().filter(c -> c.path("outputs").size() > 0).count();
            assertThat(withOutputs).as("%s is stored with the outputs of a run", name)
                    .isGreaterThanOrEqualTo(codeCells / 2);
            assertThat(stored.text(0)).isEmpty();
            JsonNode last = cells.get(cells.size() - 1);
            assertThat(last.path("cell_type").asText()).as(name).isEqualTo("markdown");
            assertThat(TestJupyter.Executed.joined(last.path("source"))).as(name)
                    .contains("How to run this outside the notebook").contains("./lab ");
        }
    }

    @Test
    void statelessCountsEachOfTheChaptersSecondsOnItsOwn() throws Exception {
        String text = execute("01-stateless.ipynb").allText();
        for (int second = 0; second < ChapterTimeline.STATELESS_OUTPUTS.size(); second++) {
            Map<String, Long> expected = ChapterTimeline.STATELESS_OUTPUTS.get(second);
            assertThat(text).contains("batch " + (second + 1) + ": " + tupleList(expected));
            if (!expected.isEmpty()) {
                assertThat(text).as("over the socket").contains("stateless              " + chapterFormat(expected));
            }
        }
    }

    @Test
    void updateStateKeepsTheChaptersTotals() throws Exception {
        String text = execute("02-update-state.ipynb").allText();
        for (int second = 0; second < ChapterTimeline.RUNNING_TOTALS.size(); second++) {
            assertThat(text).contains("batch " + (second + 1) + ": " + tupleList(ChapterTimeline.RUNNING_TOTALS
                    .get(second)));
        }
        Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
        assertThat(text).as("over the socket").contains("update-state           " + chapterFormat(last));
        assertThat(text).as("the checkpoint directory's listing").containsPattern("(?m)^checkpoint-\\d+$");
    }

    @Test
    void mapWithStateTimesWordsOutAndCostsLessPerSmallBatch() throws Exception {
        TestJupyter.Executed nb = execute("03-map-with-state.ipynb");
        String text = nb.allText();
        assertThat(text).as("batch 4: green updated, blue idle for three batches times out with its total")
                .containsPattern("(?m)^4 +\\[green green\\] +\\[\\(blue,5\\), \\(green,5\\)\\] +\\[\\(gohawks,1\\), "
                + "\\(green,5\\)\\]");
        assertThat(text).as("every word timed out of the state by the last batch")
                .containsPattern("(?m)^9 +\\[\\] +\\[\\] +\\[\\] *$");
        Matcher medians = Pattern.compile("updateStateByKey (\\d+) ms, mapWithState (\\d+) ms").matcher(text);
        assertThat(medians.find()).isTrue();
        assertThat(Long.parseLong(medians.group(1))).as("a small batch on a 100,000-word state")
                .isGreaterThan(Long.parseLong(medians.group(2)));
    }

    @Test
    void structuredStreamingShowsBothOutputModesAndTheChaptersTotals() throws Exception {
        String text = execute("04-structured.ipynb").allText();
        assertThat(text).contains("update, HDFS-backed store", "update, RocksDB store");
        assertThat(text).containsPattern("(?m)^3 +\\[green green\\] +update, HDFS-backed store +\\[\\[green,5\\]\\] ");
        assertThat(text).containsPattern(
                "(?m)^3 +\\[green green\\] +complete, HDFS-backed store +\\[\\[blue,5\\], \\[gohawks,1\\], "
                        + "\\[green,5\\]\\] ");
        Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
        assertThat(text).as("over the socket").contains("structured             " + chapterFormat(last));
    }

    @Test
    void theAntiPatternsDelayIsCharted() throws Exception {
        TestJupyter.Executed nb = execute("05-table-reaggregation.ipynb");
        assertThat(nb.countWithMime("image/png")).isEqualTo(2);
        String text = nb.allText();
        assertThat(text).containsPattern("(?m)^update-state .* yes +yes *$");
        Matcher slow = Pattern.compile("(?m)^table-reaggregation +([\\d,]+) ").matcher(text);
        Matcher fast = Pattern.compile("(?m)^update-state +([\\d,]+) ").matcher(text);
        assertThat(slow.find() && fast.find()).isTrue();
        assertThat(Long.parseLong(slow.group(1).replace(",", ""))).as("median processing ms, same load")
                .isGreaterThan(Long.parseLong(fast.group(1).replace(",", "")));
    }

    @Test
    void theSweepIsChartedAndEveryRunVerified() throws Exception {
        TestJupyter.Executed nb = execute("06-delay-vs-state-size.ipynb");
        assertThat(nb.countWithMime("image/png")).isEqualTo(3);
        String text = nb.allText();
        for (String run : List.of("update-state +1,000", "update-state +200,000", "map-with-state +1,000",
                "map-with-state +200,000")) {
            assertThat(text).as("counts verified").containsPattern("(?m)^" + run + " .* yes *$");
        }
    }

    @Test
    void totalsContinueAfterARestartFromTheCheckpoint() throws Exception {
        String text = execute("07-recovery.ipynb").allText();
        assertThat(text).contains("totals when the first run stopped: {blue=5, gohawks=1, green=5}");
        assertThat(text).contains("(continued from the checkpoint)");
        assertThat(text).contains("refused: ");
    }
}
