package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS; // any clock origin works

    private static Schedule schedule(LoadGenConfig config) {
        return new Schedule(config, new LineGenerator(config), START, config.rateLinesPerSec());
    }

    @Test
    void linesFollowTheRateFromTheClientsStart() {
        Schedule schedule = schedule(LoadGenConfig.builder().rateLinesPerSec(1000).build());
        assertThat(schedule.dueNanos(0)).isEqualTo(START);
        assertThat(schedule.dueNanos(1)).isEqualTo(START + MS);
        assertThat(schedule.dueNanos(1000)).isEqualTo(START + 1000 * MS);
        assertThat(schedule.isPastEnd(1_000_000_000L)).isFalse();
        assertThat(schedule.linesDueBy(START - 1)).isZero();
        assertThat(schedule.linesDueBy(START)).isEqualTo(1);
        assertThat(schedule.linesDueBy(START + 1000 * MS)).isEqualTo(1001);
    }

    @Test
    void aRateChangeMovesOnlyLaterLines() {
        Schedule schedule = schedule(LoadGenConfig.builder().rateLinesPerSec(1000).build());
        schedule.changeRate(START + 1000 * MS, 2000);
        assertThat(schedule.dueNanos(999)).isEqualTo(START + 999 * MS);
        assertThat(schedule.dueNanos(1000)).isEqualTo(START + 1000 * MS);
        assertThat(schedule.dueNanos(1002)).isEqualTo(START + 1001 * MS);
        assertThat(schedule.dueNanos(3000)).isEqualTo(START + 2000 * MS);
        schedule.changeRate(START + 2000 * MS, 10);
        assertThat(schedule.dueNanos(3001)).isEqualTo(START + 2100 * MS);
        assertThat(schedule.linesDueBy(START + 2100 * MS)).isEqualTo(3002);
    }

    @Test
    void aChangeBetweenLinesKeepsTheFractionalPosition() {
        Schedule schedule = schedule(LoadGenConfig.builder().rateLinesPerSec(1).build());
        schedule.changeRate(START + 500 * MS, 2); // half way to line 1; the other half now takes 250 ms
        assertThat(schedule.dueNanos(1)).isEqualTo(START + 750 * MS);
        assertThat(schedule.dueNanos(2)).isEqualTo(START + 1250 * MS);
    }

    @Test
    void theDurationEndsTheStream() {
        Schedule schedule = schedule(LoadGenConfig.builder().rateLinesPerSec(1000)
                .duration(Duration.ofSeconds(10)).build());
        assertThat(schedule.isPastEnd(9_999)).isFalse();
        assertThat(schedule.isPastEnd(10_000)).isTrue();
        assertThat(schedule.linesDueBy(START + 60_000 * MS)).isEqualTo(10_000);
    }

    @Test
    void fillLinesCanHaveTheirOwnRate() {
        LoadGenConfig config = LoadGenConfig.builder().keys(100).wordsPerLine(10).fill(true)
                .fillRateLinesPerSec(10.0).rateLinesPerSec(1000).build();
        Schedule schedule = schedule(config);
        assertThat(schedule.dueNanos(9)).isEqualTo(START + 900 * MS);
        assertThat(schedule.dueNanos(10)).isEqualTo(START + 1000 * MS);
        assertThat(schedule.dueNanos(11)).isEqualTo(START + 1001 * MS);
        schedule.changeRate(START + 500 * MS, 100); // during the fill: sets the rate that follows it
        assertThat(schedule.dueNanos(5)).isEqualTo(START + 500 * MS);
        assertThat(schedule.dueNanos(10)).isEqualTo(START + 1000 * MS);
        assertThat(schedule.dueNanos(11)).isEqualTo(START + 1010 * MS);
    }

    @Test
    void scriptLinesAreDueAtTheirTimes() {
        Schedule schedule = schedule(LoadGenConfig.builder().script(Script.chapter()).build());
        assertThat(schedule.dueNanos(0)).isEqualTo(START + 1000 * MS);
        assertThat(schedule.dueNanos(2)).isEqualTo(START + 4000 * MS);
        assertThat(schedule.isPastEnd(2)).isFalse();
        assertThat(schedule.isPastEnd(3)).isTrue();
        assertThat(schedule.linesDueBy(START + 2500 * MS)).isEqualTo(2);
        Schedule cut = schedule(LoadGenConfig.builder().script(Script.chapter()).duration(Duration.ofSeconds(3))
                .build());
        assertThat(cut.isPastEnd(2)).isTrue();
        assertThat(cut.linesDueBy(START + 9000 * MS)).isEqualTo(2);
    }
}
