package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineGeneratorTest {

    private static LoadGenConfig.Builder random() {
        return LoadGenConfig.builder().rateLinesPerSec(1000).wordsPerLine(10).keys(10_000).seed(42);
    }

    private static List<String> lines(LoadGenConfig config, long from, long to) {
        LineGenerator generator = new LineGenerator(config);
        List<String> lines = new ArrayList<>();
        for (long i = from; i < to; i++) {
            lines.add(generator.line(i));
        }
        return lines;
    }

    @Test
    void sameSeedSameLinesDifferentSeedDifferentLines() {
        LoadGenConfig config = random().build();
        assertThat(lines(config, 0, 3000)).isEqualTo(lines(config, 0, 3000));
        assertThat(lines(config, 0, 3000)).isNotEqualTo(lines(random().seed(43).build(), 0, 3000));
        LoadGenConfig zipf = random().distribution(Distribution.zipf(1.1)).build();
        assertThat(lines(zipf, 0, 3000)).isEqualTo(lines(zipf, 0, 3000));
    }

    @Test
    void linesHaveTheRightShape() {
        for (String line : lines(random().build(), 0, 100)) {
            String[] words = line.split(" ", -1);
            assertThat(words).hasSize(10);
            for (String word : words) {
                assertThat(word).matches("w[0-9a-z]+");
                assertThat(Long.parseLong(word.substring(1), 36)).isBetween(0L, 9_999L);
            }
        }
    }

    @Test
    void anyLineCanBeProducedAgainOnItsOwn() {
        LoadGenConfig config = random().distribution(Distribution.zipf(1.1)).keyGrowthPerSec(500).fill(true).build();
        List<String> inOrder = lines(config, 0, 5000);
        LineGenerator jumping = new LineGenerator(config);
        for (long i : new long[] {4999, 0, 1500, 1023, 1024, 3000, 2999, 1001, 4000, 17}) {
            assertThat(jumping.line(i)).as("line %d", i).isEqualTo(inOrder.get((int) i));
        }
        assertThat(lines(config, 2000, 2100)).isEqualTo(inOrder.subList(2000, 2100));
    }

    @Test
    void writeLineAppendsTheLineAndANewline() {
        LineGenerator generator = new LineGenerator(random().build());
        byte[] sink = new byte[10 + generator.maxLineBytes()];
        int end = generator.writeLine(7, sink, 10);
        assertThat(new String(sink, 10, end - 10, StandardCharsets.UTF_8))
                .isEqualTo(new LineGenerator(random().build()).line(7) + "\n");
    }

    @Test
    void keyWordsAreBase36() {
        byte[] sink = new byte[16];
        for (int key : new int[] {0, 1, 35, 36, 1295, 1296, 46_655, 46_656, 1_000_000, Integer.MAX_VALUE - 8}) {
            int end = LineGenerator.writeKey(key, sink, 0);
            assertThat(new String(sink, 0, end, StandardCharsets.US_ASCII)).isEqualTo("w" + Long.toString(key, 36))
                    .isEqualTo(LineGenerator.keyWord(key));
        }
    }

    @Test
    void fillEmitsEveryKeyOnceInOrder() {
        LoadGenConfig config = random().keys(1005).fill(true).build();
        LineGenerator generator = new LineGenerator(config);
        assertThat(generator.fillLineCount()).isEqualTo(101);
        List<String> words = new ArrayList<>();
        for (String line : lines(config, 0, 101)) {
            words.addAll(List.of(line.split(" ")));
        }
        List<String> expected = new ArrayList<>();
        for (int key = 0; key < 1005; key++) {
            expected.add(LineGenerator.keyWord(key));
        }
        assertThat(words).isEqualTo(expected);
        assertThat(generator.line(100).split(" ")).hasSize(5);
        assertThat(generator.line(101).split(" ")).hasSize(10);
    }

    @Test
    void keyGrowthWidensTheKeySpace() {
        LoadGenConfig config = random().keys(100).keyGrowthPerSec(1000).rateLinesPerSec(100).build();
        LineGenerator generator = new LineGenerator(config);
        assertThat(generator.activeKeys(0)).isEqualTo(100);
        assertThat(generator.activeKeys(1)).isEqualTo(110);
        assertThat(generator.activeKeys(10)).isEqualTo(200);
        long maxEarly = maxKey(lines(config, 0, 10));
        long maxLate = maxKey(lines(config, 1000, 1100));
        assertThat(maxEarly).isLessThan(200);
        assertThat(maxLate).isGreaterThan(5_000).isLessThan(100 + 10 * 1100);
        // Without growth the key space stays put.
        assertThat(maxKey(lines(random().keys(100).build(), 1000, 1100))).isLessThan(100);
    }

    @Test
    void growthStartsAfterTheFill() {
        LineGenerator generator = new LineGenerator(random().keys(100).keyGrowthPerSec(100).rateLinesPerSec(10)
                .fill(true).build());
        assertThat(generator.activeKeys(9)).isEqualTo(100); // fill line
        assertThat(generator.activeKeys(10)).isEqualTo(100); // first random line
        assertThat(generator.activeKeys(11)).isEqualTo(110);
    }

    @Test
    void zipfSkewsTowardsLowRanks() {
        Map<String, Long> zipf = counts(lines(random().keys(1000).distribution(Distribution.zipf(1.2)).build(), 0,
                2000));
        Map<String, Long> uniform = counts(lines(random().keys(1000).build(), 0, 2000));
        long words = 20_000;
        assertThat(zipf.get("w0")).isGreaterThan(zipf.getOrDefault("w9", 0L) * 5);
        assertThat(zipf.get("w0")).isGreaterThan(zipf.getOrDefault("w1", 0L));
        assertThat(zipf.get("w0") / (double) words).isGreaterThan(0.15);
        assertThat(uniform.getOrDefault("w0", 0L) / (double) words).isLessThan(0.005);
        assertThat(zipf.size()).isLessThan(uniform.size());
    }

    @Test
    void scriptLinesAreTheScriptsText() {
        LineGenerator generator = new LineGenerator(LoadGenConfig.builder().script(Script.chapter()).build());
        assertThat(generator.scripted()).isTrue();
        assertThat(generator.lineCount()).isEqualTo(3);
        assertThat(generator.line(0)).isEqualTo("blue blue blue blue blue green green green");
        assertThat(generator.line(2)).isEqualTo("green green");
        LineGenerator chinese = new LineGenerator(LoadGenConfig.builder()
                .script(Script.parse("zh", "0 你好 世界\n")).build());
        assertThat(chinese.line(0)).isEqualTo("你好 世界");
    }

    private static long maxKey(List<String> lines) {
        long max = -1;
        for (String line : lines) {
            for (String word : line.split(" ")) {
                max = Math.max(max, Long.parseLong(word.substring(1), 36));
            }
        }
        return max;
    }

    private static Map<String, Long> counts(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String word : line.split(" ")) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }
}
