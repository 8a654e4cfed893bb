package statelab.harness.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;
import statelab.core.Source;
import statelab.core.Variant;
import statelab.core.Variants;

class WordLatencyTest {

    /** 100 lines a second from epoch ms 1,000: line i is due at 1,000 + 10 i. */
    private static final WordLatency.DueTimes DUE = line -> 1_000 + 10 * line;
    private static final int WORDS_PER_LINE = 10;
    private static final Variant DSTREAM = Variants.byName("map-with-state");
    private static final Variant STRUCTURED = Variants.byName("structured");

    /** A DStream batch of time {@code timeMs} on replay holding lines [from, to). */
    private static BatchMetrics dstreamBatch(long timeMs, long schedulingMs, long processingMs, long from, long to) {
        return new BatchMetrics(timeMs, to - from, (to - from) * WORDS_PER_LINE, schedulingMs, processingMs,
                schedulingMs + processingMs, 0, -1, false, from, to);
    }

    private static WordLatency.BatchLines lines(Variant variant, BatchMetrics batch) {
        return WordLatency.lineRanges(List.of(batch), variant::batchOutputAtMs).get(0);
    }

    @Test
    void everyWordWaitsFromItsDueTimeToTheBatchOutput() {
        // The batch of time 2,000 holds the lines due in (1,000, 2,000]: lines 1 to 100; out at 2,000 + 200.
        Histogram onTime = WordLatency.ofBatch(lines(DSTREAM, dstreamBatch(2_000, 0, 200, 1, 101)),
                WORDS_PER_LINE, DUE);

        assertThat(onTime.getTotalCount()).isEqualTo(100 * WORDS_PER_LINE);
        assertThat(onTime.getMinValue()).isEqualTo(200);  // line 100, due at 2,000
        assertThat(onTime.getMaxValue()).isEqualTo(1_190); // line 1, due at 1,010
        assertThat(onTime.getCountAtValue(700)).isEqualTo(WORDS_PER_LINE); // line 50
    }

    @Test
    void aBatchThatStartsLateAddsItsLatenessToEveryWordInIt() {
        Histogram onTime = WordLatency.ofBatch(lines(DSTREAM, dstreamBatch(2_000, 0, 200, 1, 101)),
                WORDS_PER_LINE, DUE);
        Histogram late = WordLatency.ofBatch(lines(DSTREAM, dstreamBatch(2_000, 500, 200, 1, 101)),
                WORDS_PER_LINE, DUE);

        assertThat(late.getMinValue()).isEqualTo(onTime.getMinValue() + 500);
        assertThat(late.getMaxValue()).isEqualTo(onTime.getMaxValue() + 500);
        assertThat(late.getMean()).isCloseTo(onTime.getMean() + 500, within(1e-9));
        assertThat(late.getTotalCount()).isEqualTo(onTime.getTotalCount());
    }

    @Test
    void aMicroBatchIsOutWhenItsTriggerEnds() {
        // Trigger started at 2,300 (300 ms after its boundary), took 200 ms: out at 2,500; it took lines 1 to 130.
        BatchMetrics microBatch = new BatchMetrics(2_300, 130, 1_300, 300, 200, 500, 0, -1, false, 1, 131);
        Histogram histogram = WordLatency.ofBatch(lines(STRUCTURED, microBatch), WORDS_PER_LINE, DUE);

        assertThat(histogram.getMinValue()).isEqualTo(2_500 - 2_300); // line 130, due at 2,300
        assertThat(histogram.getMaxValue()).isEqualTo(2_500 - 1_010);
    }

    @Test
    void theMeanSplitsIntoWaitingForTheBatchSchedulingDelayAndProcessing() {
        WordLatency.Figures figures = WordLatency.of(List.of(lines(DSTREAM, dstreamBatch(2_000, 500, 200, 1, 101))),
                WORDS_PER_LINE, DUE);

        // Lines 1..100 due at 1,010..2,000 wait on average 2,000 - 1,505 = 495 ms for the batch's time.
        assertThat(figures.parts().waitForBatchMs()).isCloseTo(495, within(1e-9));
        assertThat(figures.parts().schedulingDelayMs()).isEqualTo(500);
        assertThat(figures.parts().processingMs()).isEqualTo(200);
        assertThat(figures.parts().meanMs()).isCloseTo(1_195, within(1e-9));
        assertThat(figures.p50Ms()).isEqualTo(1_190); // the 50th of 100 lines: line 51, due at 1,510
        assertThat(figures.maxMs()).isEqualTo(1_690);
        assertThat(figures.note()).isEmpty();
    }

    @Test
    void aLateMicroBatchChargesItsLatenessOnlyToTheWordsThatWaitedThroughIt() {
        // Due at the trigger of 2,000, started at 2,300: it takes lines 1 to 130 (due 1,010 to 2,300), out at 2,500.
        BatchMetrics microBatch = new BatchMetrics(2_300, 130, 1_300, 300, 200, 500, 0, -1, false, 1, 131);
        WordLatency.Figures figures = WordLatency.of(List.of(lines(STRUCTURED, microBatch)), WORDS_PER_LINE, DUE);

        // Lines 1..100 waited for the trigger (1,000 - 10 i) and then its 300 ms of lateness; lines 101..130 came
        // due during the lateness and waited only from then (2,300 - due), all of it scheduling delay.
        assertThat(figures.parts().waitForBatchMs()).isCloseTo(49_500 / 130.0, within(1e-9));
        assertThat(figures.parts().schedulingDelayMs()).isCloseTo(34_350 / 130.0, within(1e-9));
        assertThat(figures.parts().processingMs()).isCloseTo(200, within(1e-9));
        assertThat(figures.parts().meanMs()).isCloseTo(845, within(1e-9));
        assertThat(figures.parts().waitForBatchMs() + figures.parts().schedulingDelayMs()
                + figures.parts().processingMs()).isCloseTo(figures.parts().meanMs(), within(1e-9));
    }

    @Test
    void aSocketsBatchesHoldTheLinesAfterThoseOfTheBatchesBeforeThem() {
        List<BatchMetrics> socketBatches = List.of(
                new BatchMetrics(1_000, 100, 1_000, 0, 50, 50, 0, -1, false),
                new BatchMetrics(2_000, 50, 500, 0, 50, 50, 0, -1, false),
                new BatchMetrics(3_000, 0, 0, 0, 50, 50, 0, -1, false),
                new BatchMetrics(4_000, 25, 250, 0, 50, 50, 0, -1, false));

        List<WordLatency.BatchLines> ranges = WordLatency.lineRanges(socketBatches, DSTREAM::batchOutputAtMs);

        assertThat(ranges).extracting(WordLatency.BatchLines::fromLine).containsExactly(0L, 100L, 150L, 150L);
        assertThat(ranges).extracting(WordLatency.BatchLines::toLine).containsExactly(100L, 150L, 150L, 175L);
        assertThat(ranges).extracting(WordLatency.BatchLines::outputAtMs).containsExactly(1_050L, 2_050L, 3_050L,
                4_050L);
    }

    @Test
    void socketLinesArePlacedByCountingOnlyWhileTheReceiverLostAndRepeatedNothing() {
        List<WordLatency.BatchLines> ranges = WordLatency.lineRanges(List.of(
                new BatchMetrics(1_000, 100, 1_000, 0, 50, 50, 0, -1, false),
                new BatchMetrics(2_000, 50, 500, 0, 50, 50, 0, -1, false)), DSTREAM::batchOutputAtMs);

        assertThat(WordLatency.unattributable(Source.SOCKET, Outcome.VERIFIED, ranges, 150)).isNull();
        assertThat(WordLatency.unattributable(Source.SOCKET, Outcome.STOPPED_BEHIND, ranges, 400)).isNull();
        assertThat(WordLatency.unattributable(Source.SOCKET, Outcome.FAILED, ranges, 150))
                .contains("counts differ from the ledger");
        assertThat(WordLatency.unattributable(Source.SOCKET, Outcome.STOPPED_BEHIND, ranges, 120))
                .contains("the batches hold 150 lines, more than the 120 sent");
        // The replay source numbers its lines: nothing to count.
        assertThat(WordLatency.unattributable(Source.REPLAY, Outcome.FAILED, ranges, 120)).isNull();
    }

    @Test
    void aBigBatchIsRecordedInGroupsThatStillCountEveryWord() {
        Histogram histogram = WordLatency.ofBatch(lines(DSTREAM, dstreamBatch(2_000, 0, 100, 0, 25_000)),
                WORDS_PER_LINE, line -> 1_000 + line / 25); // 25,000 lines due from 1,000 to 2,000

        assertThat(histogram.getTotalCount()).isEqualTo(25_000L * WORDS_PER_LINE);
        assertThat(histogram.getMinValue()).isBetween(100L, 101L);
        assertThat(histogram.getMaxValue()).isBetween(1_099L, 1_100L);
    }

    @Test
    void aWindowWithoutWordsHasNoLatencyAndSaysWhy() {
        WordLatency.Figures figures = WordLatency.of(List.of(lines(DSTREAM, dstreamBatch(2_000, 0, 50, 7, 7))),
                WORDS_PER_LINE, DUE);

        assertThat(figures.p50Ms()).isEqualTo(-1);
        assertThat(figures.p99Ms()).isEqualTo(-1);
        assertThat(figures.parts()).isNull();
        assertThat(figures.note()).contains("no words");
    }
}
