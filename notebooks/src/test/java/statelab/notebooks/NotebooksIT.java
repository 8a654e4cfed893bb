package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import statelab.core.testing.ChapterTimeline;

/**
 * Executes every notebook headless with the lab's kernel, as a reader would run it top to bottom: a failing
 * cell fails the notebook (and the build). Then checks what the notebook says about its outputs, sentence by
 * sentence (the chapter's counts, the timeouts at k+3, the lineage cut at each checkpoint, the window emitted
 * once the watermark passes it, an idle word's final count emitted once, the anti-pattern's climb and the Spark
 * UI's Streaming tab, who keeps up and who falls behind, the batch printed twice after a restart), twice: on the
 * stored notebook, which is what a reader sees, and on the run just made, so that the prose holds for a rerun too.
 */
class NotebooksIT {

    private static final Path NOTEBOOKS = Path.of("").toAbsolutePath();
    private static final List<String> EXPECTED = List.of("01-stateless.ipynb", "02-update-state.ipynb",
            "03-map-with-state.ipynb", "04-structured.ipynb", "05-table-reaggregation.ipynb",
            "06-delay-vs-state-size.ipynb", "07-recovery.ipynb");

    /** A notebook as stored in the repository or as just executed, with a name for the assertions. */
    private record Version(String name, TestJupyter.Executed notebook) {
        String text() {
            return notebook.allText();
        }
    }

    private static TestJupyter.Executed execute(String name) throws Exception {
        RunNotebooks.Result result = RunNotebooks.execute(NOTEBOOKS.resolve(name), TestJupyter.EXECUTED,
                TestJupyter.EXECUTED, TestJupyter.dataDir(), TestJupyter.cellTimeoutS(), false);
        System.out.printf("%s: exit %d in %d s%n", name, result.exitCode(), result.seconds());
        assertThat(result.exitCode()).as("%s failed; nbconvert's log ends:%n%s", name, result.logTail(40)).isZero();
        return TestJupyter.Executed.read(result.executed());
    }

    /**
     * The stored notebook, then the same notebook executed now; with {@code -Dstatelab.notebooks.storedOnly=true}
     * the stored one alone (the prose checked against the stored outputs in seconds, nothing run).
     */
    private static List<Version> storedAndExecuted(String name) throws Exception {
        Version stored = new Version("stored " + name, TestJupyter.Executed.read(NOTEBOOKS.resolve(name)));
        return Boolean.getBoolean("statelab.notebooks.storedOnly") ? List.of(stored)
                : List.of(stored, new Version("executed " + name, execute(name)));
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

    /** The rows of a table shown with {@code Show.table} whose first column matches {@code first}. */
    private static List<String[]> rows(String text, String first) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split(" {2,}");
            if (cells.length > 1 && cells[0].matches(first)) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static long number(String cell) {
        return Long.parseLong(cell.replace(",", "").trim());
    }

    private static double decimal(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("%s in the output", pattern).isTrue();
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    private static List<BufferedImage> images(TestJupyter.Executed nb) throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < nb.cells().size(); i++) {
            for (JsonNode output : nb.outputs(i)) {
                if (output.path("data").has("image/png")) {
                    byte[] png = Base64.getMimeDecoder().decode(output.path("data").path("image/png").asText());
                    images.add(ImageIO.read(new ByteArrayInputStream(png)));
                }
            }
        }
        return images;
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
            String prose = cells.stream().filter(c -> c.path("cell_type").asText().equals("markdown"))
                    .map(c -> TestJupyter.Executed.joined(c.path("source"))).collect(Collectors.joining("\n"));
            assertThat(prose).as("%s asks the reader to try something, and says what they should see", name)
                    .contains("**Try it.**");
            assertThat(prose).as("%s renders no escaped line break as text", name).doesNotContain("\\n");
        }
    }

    @Test
    void statelessCountsEachOfTheChaptersSecondsOnItsOwn() throws Exception {
        for (Version nb : storedAndExecuted("01-stateless.ipynb")) {
            String text = nb.text();
            for (int second = 0; second < ChapterTimeline.STATELESS_OUTPUTS.size(); second++) {
                Map<String, Long> expected = ChapterTimeline.STATELESS_OUTPUTS.get(second);
                assertThat(text).as(nb.name()).contains("batch " + (second + 1) + ": " + tupleList(expected));
                if (!expected.isEmpty()) {
                    assertThat(text).as("%s, over the socket", nb.name())
                            .contains("stateless              " + chapterFormat(expected));
                }
            }
        }
    }

    @Test
    void updateStateKeepsTheChaptersTotalsAndEachCheckpointCutsTheLineage() throws Exception {
        for (Version nb : storedAndExecuted("02-update-state.ipynb")) {
            String text = nb.text();
            for (int second = 0; second < ChapterTimeline.RUNNING_TOTALS.size(); second++) {
                assertThat(text).as(nb.name()).contains("batch " + (second + 1) + ": "
                        + tupleList(ChapterTimeline.RUNNING_TOTALS.get(second)));
            }
            Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
            assertThat(text).as("%s, over the socket", nb.name()).contains("update-state           "
                    + chapterFormat(last));
            assertThat(text).as("%s: the checkpoint directory's listing", nb.name())
                    .containsPattern("(?m)^checkpoint-\\d+$").containsPattern("(?m)^<id>/rdd-\\d+/part-00000$");

            // "batch 1's state has 6 RDDs behind it"; "every batch that checkpointed (every second one) has 2
            // RDDs behind it ... and the batch after it starts again from there" (the chain is longer there).
            List<String[]> lineage = rows(text, "\\d+");
            assertThat(lineage).as("%s: the lineage table", nb.name()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(number(lineage.get(0)[2])).as("%s: batch 1", nb.name()).isEqualTo(6);
            for (String[] row : lineage) {
                long batch = number(row[0]);
                boolean checkpointed = row.length > 3 && row[3].equals("yes");
                assertThat(checkpointed).as("%s: batch %d checkpoints every second batch", nb.name(), batch)
                        .isEqualTo(batch % 2 == 0);
                if (checkpointed) {
                    assertThat(number(row[2])).as("%s: batch %d", nb.name(), batch).isEqualTo(2);
                } else {
                    assertThat(number(row[2])).as("%s: batch %d", nb.name(), batch).isGreaterThan(2);
                }
            }
        }
    }

    @Test
    void mapWithStateTimesWordsOutAtKPlusThreeAndCostsLessPerSmallBatch() throws Exception {
        for (Version nb : storedAndExecuted("03-map-with-state.ipynb")) {
            String text = nb.text();
            Map<Integer, String[]> timeouts = new LinkedHashMap<>();
            for (String[] row : rows(text, "[1-9]")) {
                if (row.length == 4 && row[1].startsWith("[")) {
                    timeouts.put((int) number(row[0]), row);
                }
            }
            assertThat(timeouts).as("%s: the timeout table", nb.name()).hasSize(9);
            assertThat(timeouts.get(2)[2]).as("%s: batch 2 emits only gohawks", nb.name()).isEqualTo("[(gohawks,1)]");
            assertThat(timeouts.get(3)[2]).as("%s: batch 3 emits nothing", nb.name()).isEqualTo("[]");
            // "three batches after its last appearance (batch k+3)": emitted once more, and out of the snapshot.
            Map<String, Integer> lastSeen = Map.of("blue", 1, "gohawks", 2, "green", 4);
            Map<String, String> finalTotal = Map.of("blue", "(blue,5)", "gohawks", "(gohawks,1)", "green", "(green,5)");
            for (Map.Entry<String, Integer> word : lastSeen.entrySet()) {
                int k = word.getValue();
                String total = finalTotal.get(word.getKey());
                assertThat(timeouts.get(k + 3)[2]).as("%s: %s times out in batch %d", nb.name(), word.getKey(), k + 3)
                        .contains(total);
                assertThat(timeouts.get(k + 3)[3]).as(nb.name()).doesNotContain(word.getKey());
                assertThat(timeouts.get(k + 2)[3]).as("%s: %s still in the state in batch %d", nb.name(),
                        word.getKey(), k + 2).contains(word.getKey());
            }
            assertThat(timeouts.get(9)[3]).as("%s: every word timed out by the last batch", nb.name()).isEqualTo("[]");

            // "mapWithState touches the 20 words and costs a fraction of that (the medians above)"
            long update = (long) decimal(text, "updateStateByKey (\\d+) ms, mapWithState");
            long map = (long) decimal(text, "mapWithState (\\d+) ms \\(");
            assertThat(update).as("%s: median ms on a 100,000-word state", nb.name()).isGreaterThan(2 * map);
            // "The batch that checkpoints the state (batch 10 here) costs mapWithState several times its other
            // small batches"
            List<String[]> cost = rows(text, "\\d+").stream().filter(r -> r.length >= 4 && r[1].contains("words"))
                    .toList();
            String[] checkpoint = cost.stream().filter(r -> r.length == 5 && r[4].equals("yes")).findFirst()
                    .orElseThrow();
            assertThat(checkpoint[0]).as(nb.name()).isEqualTo("10");
            assertThat(number(checkpoint[3])).as("%s: mapWithState's checkpoint batch", nb.name())
                    .isGreaterThan(2 * map);
        }
    }

    @Test
    void structuredStreamingShowsTheOutputModesItsCheckpointAndAWatermarkClosingAWindow() throws Exception {
        for (Version nb : storedAndExecuted("04-structured.ipynb")) {
            String text = nb.text();
            assertThat(text).contains("update, HDFS-backed store", "update, RocksDB store");
            assertThat(text).as(nb.name()).containsPattern(
                    "(?m)^3 +\\[green green\\] +update, HDFS-backed store +\\[\\[green,5\\]\\] ");
            assertThat(text).as(nb.name()).containsPattern(
                    "(?m)^3 +\\[green green\\] +complete, HDFS-backed store +\\[\\[blue,5\\], \\[gohawks,1\\], "
                            + "\\[green,5\\]\\] ");
            Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
            assertThat(text).as("%s, over the socket", nb.name()).contains("structured             "
                    + chapterFormat(last));

            // The checkpoint's folders, as the notebook lists and explains them.
            assertThat(text).as(nb.name()).containsPattern("(?m)^offsets/ +0 1 2$")
                    .containsPattern("(?m)^commits/ +0 1 2$").containsPattern("(?m)^state/0/0/ +1\\.delta 2\\.delta")
                    .containsPattern("(?m)^state/0/1/ ").containsPattern("(?m)^\\. +metadata$");

            // "Steps 1 and 2 emit nothing ... Step 3's 12:00:25 moves the watermark to 12:00:15 ... the window
            // 12:00:00-12:00:10 ... emitted once with its final counts (blue=2, green=1) ... Step 4's blue ...
            // is dropped ... and nothing is emitted."
            List<String[]> steps = rows(text, "[1-4]").stream().filter(r -> r.length == 4 && r[1].contains("12:00"))
                    .toList();
            assertThat(steps).as("%s: the append-mode table", nb.name()).hasSize(4);
            assertThat(steps.get(0)[3]).as(nb.name()).isEqualTo("[]");
            assertThat(steps.get(1)[3]).as(nb.name()).isEqualTo("[]");
            assertThat(steps.get(2)[2]).as(nb.name()).isEqualTo("12:00:15");
            assertThat(steps.get(2)[3]).as(nb.name())
                    .isEqualTo("[12:00:00-12:00:10 blue=2, 12:00:00-12:00:10 green=1]");
            assertThat(steps.get(3)[3]).as(nb.name()).isEqualTo("[]");
            assertThat(text).as("%s: the late blue is counted nowhere", nb.name()).doesNotContain("blue=3");

            flatMapGroupsWithStateKeepsTheTotalsAndLetsAnIdleWordGoOnce(nb, text);
        }
    }

    /** Notebook 04's section on flatMapGroupsWithState (the lab's structured-arbitrary variant). */
    private static void flatMapGroupsWithStateKeepsTheTotalsAndLetsAnIdleWordGoOnce(Version nb, String text) {
        // "The sink receives the same rows as the update, HDFS-backed store query above, micro-batch by
        // micro-batch ... so each word's latest output is the chapter's running total. The state holds one row per
        // word seen so far ...: 2 rows, then 3, then 3."
        List<String[]> totals = rows(text, "[1-3]").stream().filter(r -> r.length == 5 && r[1].startsWith("["))
                .toList();
        assertThat(totals).as("%s: the flatMapGroupsWithState table", nb.name()).hasSize(3);
        List<String> aggregation = rows(text, "[1-3]").stream()
                .filter(r -> r.length == 7 && r[2].equals("update, HDFS-backed store")).map(r -> r[3]).toList();
        assertThat(totals).extracting(r -> r[2]).as(nb.name())
                .containsExactly("[[blue,5], [green,3]]", "[[gohawks,1]]", "[[green,5]]")
                .containsExactlyElementsOf(aggregation);
        assertThat(totals).extracting(r -> number(r[3])).as("%s: state rows", nb.name()).containsExactly(2L, 3L, 3L);
        Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
        assertThat(text).as(nb.name()).contains("running totals, each word's latest output: " + chapterFormat(last));

        // The idle timeout (1 s): "Step 1 counts blue and green: 2 state rows. Step 2's micro-batch starts more
        // than the timeout after step 1's: blue ... emits its final count [blue,5] beside green's new total
        // [green,5], and its state row is removed (1 row left, 1 removed). In step 3 green is the idle one: it
        // emits its final [green,5] and leaves, gohawks arrives with [gohawks,1], and blue is not emitted again".
        List<String[]> idle = rows(text, "[1-3]").stream()
                .filter(r -> r.length == 7 && (r[1].equals("-") || r[1].endsWith(" ms"))).toList();
        assertThat(idle).as("%s: the idle-timeout table", nb.name()).hasSize(3);
        assertThat(idle).extracting(r -> r[3]).as(nb.name())
                .containsExactly("[[blue,5], [green,3]]", "[[blue,5], [green,5]]", "[[gohawks,1], [green,5]]");
        assertThat(idle).extracting(r -> number(r[4])).as("%s: state rows", nb.name()).containsExactly(2L, 1L, 1L);
        assertThat(idle).extracting(r -> number(r[6])).as("%s: rows removed", nb.name()).containsExactly(0L, 1L, 1L);
        for (String[] step : idle.subList(1, idle.size())) {
            assertThat(number(step[1].replace(" ms", ""))).as("%s: step %s starts after the 1 s timeout", nb.name(),
                    step[0]).isGreaterThan(1000);
        }
        assertThat(idle.subList(1, idle.size())).filteredOn(r -> r[3].contains("[blue,"))
                .as("%s: blue's final count, emitted exactly once", nb.name()).hasSize(1);
    }

    @Test
    void theAntiPatternClimbsWithTheBatchesAppendedAndTheSparkUiShowsItFallingBehind() throws Exception {
        for (Version nb : storedAndExecuted("05-table-reaggregation.ipynb")) {
            String text = nb.text();
            Map<String, Long> last = ChapterTimeline.RUNNING_TOTALS.get(ChapterTimeline.RUNNING_TOTALS.size() - 1);
            assertThat(text).as("%s: the totals are right", nb.name())
                    .contains("table-reaggregation    " + chapterFormat(last));

            // The Spark UI's Streaming tab, captured by a headless browser from a live run.
            assertThat(text).as(nb.name()).contains("captured http://127.0.0.1:<port>/streaming/ as a "
                    + SparkUi.WIDTH + " x " + SparkUi.HEIGHT + " PNG; the page is the Streaming tab (\""
                    + SparkUi.STREAMING_TITLE + "\"): yes");
            List<BufferedImage> images = images(nb.notebook());
            assertThat(images).as("%s: the capture, the same run's chart, the climb", nb.name()).hasSize(3);
            assertThat(images).as(nb.name()).anySatisfy(image -> {
                assertThat(image.getWidth()).isEqualTo(SparkUi.WIDTH);
                assertThat(image.getHeight()).isEqualTo(SparkUi.HEIGHT);
            });
            // "Processing Time sits above the 500 ms interval, and Scheduling Delay and Total Delay climb"
            assertThat(text).as("%s: the same run falls behind at 500 ms", nb.name())
                    .containsPattern("the same run: \\d+ batches completed, .*: FALLING BEHIND");
            assertThat(decimal(text, "the same run: \\d+ batches completed, processing ([\\d,]+) ms at first"))
                    .as("%s: over the interval from its first batches", nb.name()).isGreaterThan(500);

            // The climb: "starts under the 1-second interval ... grows with the batches appended, by several
            // milliseconds a batch ... climbs without end"; mapWithState "stays flat, far under the interval,
            // and never falls behind".
            // Both read Spark's socket receiver, as the chapter does: their labels name the source.
            String[] table = rows(text, "table-reaggregation-socket").stream().filter(r -> r.length == 8)
                    .findFirst().orElseThrow();
            String[] map = rows(text, "map-with-state-socket").stream().filter(r -> r.length == 8).findFirst()
                    .orElseThrow();
            long batchMs = 1000;
            assertThat(number(table[2])).as("%s: table-reaggregation at first", nb.name()).isLessThan(batchMs);
            assertThat(Double.parseDouble(table[4])).as("%s: its growth, ms per batch appended", nb.name())
                    .isGreaterThanOrEqualTo(3.0);
            assertThat(number(table[3])).as("%s: at the end", nb.name()).isGreaterThan(number(table[2]));
            assertThat(table[5]).as("%s: where it crossed the interval", nb.name()).matches("\\d+");
            assertThat(table[7]).as(nb.name()).isEqualTo("FALLS BEHIND");
            assertThat(number(table[6])).as("%s: scheduling delay at the end", nb.name()).isGreaterThan(2 * batchMs);
            assertThat(map[5]).as("%s: mapWithState never crosses", nb.name()).isEqualTo("never");
            assertThat(map[7]).as(nb.name()).isEqualTo("keeps up");
            assertThat(number(map[3])).as("%s: mapWithState's median batch far under the interval", nb.name())
                    .isLessThan(batchMs / 2);
            assertThat(Math.abs(Double.parseDouble(map[4]))).as("%s: mapWithState flat", nb.name())
                    .isLessThan(Double.parseDouble(table[4]) / 3);

            // "each batch's counts add ... rows to the table ... as 2 Parquet files"
            long batches = (long) decimal(text, "the table after (\\d+) batches");
            long files = (long) decimal(text, "batches: ([\\d,]+) Parquet files");
            assertThat(files).as("%s: Parquet files after %d batches", nb.name(), batches)
                    .isGreaterThanOrEqualTo(2 * batches);
        }
    }

    @Test
    void theWalksChartStateSizeWithSpreadsAndEveryPointVerified() throws Exception {
        for (Version nb : storedAndExecuted("06-delay-vs-state-size.ipynb")) {
            assertThat(nb.notebook().countWithMime("image/png")).as(nb.name()).isEqualTo(3);
            String text = nb.text();
            Map<String, String[]> points = new LinkedHashMap<>();
            for (String variant : List.of("update-state", "map-with-state")) {
                for (String[] row : rows(text, variant)) {
                    if (row.length == 9) {
                        points.put(variant + " " + row[1], row);
                    }
                }
            }
            assertThat(points).as("%s: the points", nb.name()).containsOnlyKeys("update-state 10,000",
                    "update-state 200,000", "map-with-state 10,000", "map-with-state 200,000");
            points.forEach((point, row) -> {
                // "Every point keeps up and its counts equal the ledger"
                assertThat(row[7]).as("%s: %s keeps up", nb.name(), point).isEqualTo("yes");
                assertThat(row[8]).as("%s: %s verified", nb.name(), point).isEqualTo("yes");
                assertThat(row[2]).as("%s: %s has a spread", nb.name(), point)
                        .matches("[\\d,]+ \\([\\d,]+\\.\\.[\\d,]+\\)");
                // "the total delay (dashed) stays close to the processing time"
                long median = number(row[2].substring(0, row[2].indexOf(' ')));
                assertThat(number(row[6])).as("%s: %s's total delay", nb.name(), point)
                        .isLessThanOrEqualTo(median + median / 2);
            });
            // "from 10,000 to 200,000 keys it grows [by a larger factor] than mapWithState's, and at 200,000 keys
            // it takes a multiple of mapWithState's time"
            double updateGrowth = decimal(text, "updateStateByKey x([\\d.]+)");
            double mapGrowth = decimal(text, "mapWithState x([\\d.]+)");
            assertThat(updateGrowth).as(nb.name()).isGreaterThan(mapGrowth);
            assertThat(decimal(text, "updateStateByKey takes ([\\d.]+)x mapWithState")).as(nb.name())
                    .isGreaterThanOrEqualTo(1.5);
            // "its checkpoint batches (every 5th) write the whole state and cost more than its normal ones ...
            // which is why its p99 is well above its median"
            String[] map200k = points.get("map-with-state 200,000");
            assertThat(number(map200k[4])).as("%s: mapWithState's checkpoint batches at 200,000 keys", nb.name())
                    .isGreaterThan(number(map200k[3]));
            assertThat(number(map200k[4])).as("%s: more so with more keys", nb.name())
                    .isGreaterThan(number(points.get("map-with-state 10,000")[4]));
            assertThat(number(map200k[5])).as("%s: its p99", nb.name())
                    .isGreaterThan(number(map200k[2].substring(0, map200k[2].indexOf(' '))));
        }
    }

    @Test
    void totalsContinueAfterARestartAndItsLastBatchIsPrintedAgain() throws Exception {
        for (Version nb : storedAndExecuted("07-recovery.ipynb")) {
            String text = nb.text();
            assertThat(text).as(nb.name()).contains("totals when the first run stopped: {blue=5, gohawks=1, green=5}");
            assertThat(text).as(nb.name()).contains("(continued from the checkpoint)");
            assertThat(text).as(nb.name()).contains("refused: ");

            // "the second run's first batch: its Time: is the first run's last batch, printed again with the
            // same totals"
            String first = text.substring(0, text.indexOf("totals when the first run stopped"));
            String second = text.substring(text.indexOf("totals when the first run stopped"));
            Matcher times = Pattern.compile("Time: (\\d+) ms").matcher(first);
            String lastOfFirst = null;
            while (times.find()) {
                lastOfFirst = times.group(1);
            }
            Matcher secondTimes = Pattern.compile("Time: (\\d+) ms").matcher(second);
            assertThat(lastOfFirst).as(nb.name()).isNotNull();
            assertThat(secondTimes.find()).as(nb.name()).isTrue();
            assertThat(secondTimes.group(1)).as("%s: the second run's first batch", nb.name()).isEqualTo(lastOfFirst);
            String printedFirst = batchAt(first, lastOfFirst);
            assertThat(batchAt(second, lastOfFirst)).as("%s: printed again with the same totals", nb.name())
                    .isEqualTo(printedFirst).contains("(blue,5)");
        }
    }

    /** What DStream.print() printed for the batch at {@code time}: its lines up to the next header. */
    private static String batchAt(String text, String time) {
        int start = text.indexOf("Time: " + time + " ms");
        int end = text.indexOf("-------", text.indexOf('\n', text.indexOf('\n', start) + 1) + 1);
        return text.substring(start, end < 0 ? text.length() : end).trim();
    }
}
