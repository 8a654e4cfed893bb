package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key steps: the key space grows at a line, the new keys are sent once first, and the stream stays replayable. */
class KeyStepsTest {

    private static final LoadGenConfig CONFIG = LoadGenConfig.builder().rateLinesPerSec(1000).wordsPerLine(10)
            .keys(1_000).seed(7).fill(true).build();

    private static List<String> lines(LineGenerator generator, long from, long to) {
        List<String> lines = new ArrayList<>();
        for (long i = from; i < to; i++) {
            lines.add(generator.line(i));
        }
        return lines;
    }

    private static long key(String word) {
        return Long.parseLong(word.substring(1), 36);
    }

    @Test
    void aStepSendsItsNewKeysOnceThenDrawsFromTheLargerSpace() {
        KeySteps steps = KeySteps.of(CONFIG);
        List<String> before = lines(new LineGenerator(CONFIG, steps), 0, 5_000);
        KeySteps.Step step = steps.add(3_000, 5_000);
        assertThat(step).isEqualTo(new KeySteps.Step(3_000, 1_000, 5_000, 400, 100));
        LineGenerator generator = new LineGenerator(CONFIG, steps);

        // Lines before the step are unchanged.
        assertThat(lines(generator, 0, 3_000)).isEqualTo(before.subList(0, 3_000));
        // Its fill: keys 1,000..4,999 once each, in order, ten per line.
        List<Long> filled = new ArrayList<>();
        for (String line : lines(generator, 3_000, 3_400)) {
            for (String word : line.split(" ")) {
                filled.add(key(word));
            }
        }
        assertThat(filled).hasSize(4_000).first().isEqualTo(1_000L);
        assertThat(filled).last().isEqualTo(4_999L);
        assertThat(new HashSet<>(filled)).hasSize(4_000);
        // Then random lines over all 5,000 keys, the new ones among them.
        Set<Long> drawn = new HashSet<>();
        for (String line : lines(generator, 3_400, 6_400)) {
            for (String word : line.split(" ")) {
                drawn.add(key(word));
            }
        }
        assertThat(drawn).allMatch(k -> k >= 0 && k < 5_000).anyMatch(k -> k >= 1_000);
        assertThat(generator.activeKeys(3_399)).isEqualTo(5_000);
        assertThat(generator.activeKeys(2_999)).isEqualTo(1_000);
    }

    @Test
    void anyLineAfterStepsCanBeProducedAgainOnItsOwn() {
        LoadGenConfig zipf = LoadGenConfig.builder().rateLinesPerSec(1000).wordsPerLine(10).keys(1_000).seed(7)
                .fill(true).distribution(Distribution.zipf(1.1)).build();
        for (LoadGenConfig config : List.of(CONFIG, zipf)) {
            KeySteps steps = KeySteps.of(config);
            steps.add(1_500, 3_000);
            steps.add(2_500, 100_000);
            List<String> inOrder = lines(new LineGenerator(config, steps), 0, 14_000);
            LineGenerator jumping = new LineGenerator(config, steps);
            for (long i : new long[] {13_999, 0, 1_499, 1_500, 1_700, 2_499, 2_500, 12_500, 12_499, 2_600, 1_024}) {
                assertThat(jumping.line(i)).as("line %d", i).isEqualTo(inOrder.get((int) i));
            }
        }
    }

    @Test
    void stepsMustGrowAndNotCutIntoAFill() {
        KeySteps steps = KeySteps.of(CONFIG);
        assertThatThrownBy(() -> steps.add(500, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key steps must grow");
        assertThatThrownBy(() -> steps.add(50, 2_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the previous step's fill (which ends at line 100)");
        steps.add(200, 2_000);
        assertThatThrownBy(() -> steps.add(250, 3_000)).hasMessageContaining("ends at line 300");
        assertThat(steps.keys()).isEqualTo(2_000);
    }

    @Test
    void aReplayedStreamGrowsItsKeysAndTheLedgerCountsEveryLineOnce() throws Exception {
        LoadGenConfig config = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(2_000).wordsPerLine(10)
                .keys(1_000).seed(3).fill(true).build();
        try (LoadGenerator generator = LoadGenerator.start(config);
             ReplayClient client = ReplayClient.connect("127.0.0.1", generator.port(), 5_000)) {
            while (client.due().lines() < 300) {
                Thread.sleep(20);
            }
            LoadGenerator.KeyStep step = generator.growKeys(11_000, 20_000);
            assertThat(step.fromKeys()).isEqualTo(1_000);
            assertThat(step.fillLines()).isEqualTo(1_000);
            assertThat(step.startLine()).isGreaterThanOrEqualTo(300);
            assertThat(generator.keys()).isEqualTo(11_000);
            // At 20,000 lines/s its 1,000 fill lines are due within about 50 ms of the step's start.
            long end = step.startLine() + step.fillLines() + 200;
            while (client.due().lines() < end) {
                Thread.sleep(20);
            }
            List<String> first = client.fetchText(0, end);
            assertThat(client.fetchText(0, end)).isEqualTo(first); // served again, same words
            Map<String, Long> counts = new HashMap<>();
            first.forEach(line -> {
                for (String word : line.split(" ")) {
                    counts.merge(word, 1L, Long::sum);
                }
            });
            assertThat(counts).hasSize(11_000);
            LedgerSnapshot ledger = generator.ledger();
            assertThat(ledger.totalLines()).isEqualTo(end);
            assertThat(ledger.counts()).isEqualTo(counts);
            generator.endStreams();
            assertThat(generator.status().clients()).singleElement()
                    .satisfies(c -> assertThat(c.distinctKeys()).isEqualTo(11_000));
            assertThat(Duration.ZERO).isNotNull();
        }
    }
}
