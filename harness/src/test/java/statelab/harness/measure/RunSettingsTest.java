package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.core.LabException;
import statelab.harness.results.Json;
import statelab.harness.results.RunSummary;

/** A key step's fill: its new keys once each, at the point's rate unless that would take longer than allowed. */
class RunSettingsTest {

    private static RunSettings.Builder walkTo150k() {
        return RunSettings.builder("update-state").keys(150_000).walkKeys(List.of(10_000L, 150_000L))
                .rateWordsPerS(10_000).wordsPerLine(10).batchMs(500).measureMs(7_500).checkpointEveryBatches(5);
    }

    @Test
    void aFillRunsAtThePointsRateWhileThatTakesLessThanItsLimit() {
        RunSettings settings = walkTo150k().build();
        assertThat(settings.fillLines()).isEqualTo(14_000);
        assertThat(settings.fillRateLinesPerSec()).isEqualTo(1_000.0);
        assertThat(settings.fillMs()).isEqualTo(14_000);
    }

    @Test
    void aFillThatWouldTakeLongerThanItsLimitIsSentFaster() {
        RunSettings settings = walkTo150k().maxFillMs(5_000).build();
        assertThat(settings.fillRateLinesPerSec()).isEqualTo(2_800.0);
        assertThat(settings.fillMs()).isEqualTo(5_000);
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void aFillWithNoTimeIsRefused() {
        assertThatThrownBy(() -> walkTo150k().maxFillMs(0).build().validate()).isInstanceOf(LabException.class)
                .hasMessage("the longest fill must be positive, got 0 ms");
    }

    @Test
    void sparkSettingsAreRecordedAndARunWithOtherSettingsIsNotKept() throws Exception {
        String cache = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";
        RunSettings with64 = RunSettings.builder("structured-rocksdb").keys(10_000)
                .sparkConf(java.util.Map.of(cache, "64")).build();
        RunSummary run = with64.summary().build();
        RunSummary read = Json.mapper().readValue(Json.mapper().writeValueAsString(run), RunSummary.class);
        assertThat(read.sparkConf()).containsExactlyEntriesOf(java.util.Map.of(cache, "64"));
        assertThat(with64.madeBy(read)).isTrue();
        assertThat(with64.toBuilder().sparkConf(java.util.Map.of(cache, "128")).build().madeBy(read)).isFalse();
        assertThat(with64.toBuilder().sparkConf(java.util.Map.of()).build().madeBy(read)).isFalse();
        assertThat(with64.toBuilder().build()).isEqualTo(with64);
    }
}
