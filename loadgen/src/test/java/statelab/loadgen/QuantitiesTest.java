package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void countsTakeSuffixes() {
        assertThat(Quantities.parseCount("1000")).isEqualTo(1000);
        assertThat(Quantities.parseCount("10k")).isEqualTo(10_000);
        assertThat(Quantities.parseCount("10K")).isEqualTo(10_000);
        assertThat(Quantities.parseCount("1M")).isEqualTo(1_000_000);
        assertThat(Quantities.parseCount("1.5M")).isEqualTo(1_500_000);
        assertThat(Quantities.parseCount("2G")).isEqualTo(2_000_000_000L);
        assertThat(Quantities.parseCount("10_000")).isEqualTo(10_000);
    }

    @Test
    void badCountsAreRejectedClearly() {
        assertThatThrownBy(() -> Quantities.parseCount("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'abc' is not a count (examples: 1000, 10k, 1M)");
        assertThatThrownBy(() -> Quantities.parseCount("-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.parseCount("10x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.parseCount("1.5")).hasMessageContaining("whole count");
        assertThatThrownBy(() -> Quantities.parseCount("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsTakeUnits() {
        assertThat(Quantities.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Quantities.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Quantities.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Quantities.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Quantities.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Quantities.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(Quantities.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badDurationsAreRejectedClearly() {
        assertThatThrownBy(() -> Quantities.parseDuration("30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'30' is not a duration (examples: 500ms, 30s, 2m, 1h)");
        assertThatThrownBy(() -> Quantities.parseDuration("-1s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quantities.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsFormatShort() {
        assertThat(Quantities.formatDuration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Quantities.formatDuration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Quantities.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
