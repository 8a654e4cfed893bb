package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadGenConfigTest {

    @Test
    void defaultsMatchTheCommandLine() {
        LoadGenConfig config = LoadGenConfig.builder().build();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.rateLinesPerSec()).isEqualTo(10);
        assertThat(config.wordsPerLine()).isEqualTo(10);
        assertThat(config.keys()).isEqualTo(1000);
        assertThat(config.distribution()).isEqualTo(Distribution.uniform());
        assertThat(config.seed()).isEqualTo(1);
        assertThat(config.duration()).isNull();
        assertThat(config.summary()).isEqualTo("random: 10 lines/s x 10 words, 1000 keys uniform, seed 1, endless");
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> LoadGenConfig.builder().rateLinesPerSec(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate must be a positive");
        assertThatThrownBy(() -> LoadGenConfig.builder().rateLinesPerSec(Double.NaN).build())
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> LoadGenConfig.builder().wordsPerLine(0).build())
                .hasMessageContaining("words per line");
        assertThatThrownBy(() -> LoadGenConfig.builder().keys(0).build()).hasMessageContaining("keys");
        assertThatThrownBy(() -> LoadGenConfig.builder().keyGrowthPerSec(-1).build())
                .hasMessageContaining("key growth");
        assertThatThrownBy(() -> LoadGenConfig.builder().port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> LoadGenConfig.builder().duration(Duration.ZERO).build())
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> LoadGenConfig.builder().fill(true).script(Script.chapter()).build())
                .hasMessageContaining("fill");
        assertThatThrownBy(() -> LoadGenConfig.builder().fillRateLinesPerSec(-2.0).build())
                .hasMessageContaining("fill rate");
    }

    @Test
    void distributionsParse() {
        assertThat(Distribution.parse("uniform")).isEqualTo(Distribution.uniform());
        assertThat(Distribution.parse("zipf:1.1")).isEqualTo(Distribution.zipf(1.1));
        assertThat(Distribution.zipf(1.1)).hasToString("zipf:1.1");
        assertThatThrownBy(() -> Distribution.parse("normal"))
                .hasMessage("distribution 'normal' is not uniform or zipf:S (for example zipf:1.1)");
        assertThatThrownBy(() -> Distribution.parse("zipf:x")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> Distribution.parse("zipf:0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Distribution.parse("zipf:-1")).hasMessageContaining("positive");
    }
}
