package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The replay input's record of its batches: decided once, answered from the record ever after. */
class ReplayRangesTest {

    @Test
    void aNewBatchStartsWhereTheNewestEndedAndARecordedOneIsAnsweredAsRecorded() {
        ReplayRanges ranges = new ReplayRanges();
        assertThat(ranges.rangeOf(1_000, () -> 5)).isEqualTo(new ReplayRanges.Range(0, 5));
        assertThat(ranges.rangeOf(2_000, () -> 12)).isEqualTo(new ReplayRanges.Range(5, 12));
        // Asked again (a restarted context recomputing it), whatever is due now: the same lines.
        assertThat(ranges.rangeOf(1_000, () -> 99)).isEqualTo(new ReplayRanges.Range(0, 5));
        assertThat(ranges.rangeOf(2_000, () -> 99)).isEqualTo(new ReplayRanges.Range(5, 12));
        // A batch after a gap (times the driver was down) takes everything due by its time.
        assertThat(ranges.rangeOf(5_000, () -> 40)).isEqualTo(new ReplayRanges.Range(12, 40));
        // Never backwards, even if fewer lines are reported due.
        assertThat(ranges.rangeOf(6_000, () -> 30)).isEqualTo(new ReplayRanges.Range(40, 40));
    }

    @Test
    void anOlderBatchWithoutARecordIsAnErrorNotAReRead() {
        ReplayRanges ranges = new ReplayRanges();
        ranges.rangeOf(1_000, () -> 5);
        ranges.rangeOf(3_000, () -> 9);
        assertThatThrownBy(() -> ranges.rangeOf(2_000, () -> 9)).isInstanceOf(LabException.class)
                .hasMessageContaining("asked for batch 2000, which it has no record of");
        ranges.forgetBefore(3_000);
        assertThat(ranges.size()).isEqualTo(1);
        assertThat(ranges.oldestMs()).isEqualTo(3_000);
        assertThatThrownBy(() -> ranges.rangeOf(1_000, () -> 9)).isInstanceOf(LabException.class)
                .hasMessageContaining("its records go from 3000 to 3000");
        assertThat(ranges.rangeOf(4_000, () -> 11)).isEqualTo(new ReplayRanges.Range(9, 11));
    }

    @Test
    void theRecordSurvivesSerializationAsInACheckpoint() throws Exception {
        ReplayRanges ranges = new ReplayRanges();
        ranges.rangeOf(1_000, () -> 5);
        ranges.rangeOf(2_000, () -> 12);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ranges);
        }
        ReplayRanges restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (ReplayRanges) in.readObject();
        }
        assertThat(restored.all()).isEqualTo(ranges.all());
        assertThat(restored.rangeOf(2_000, () -> 0)).isEqualTo(new ReplayRanges.Range(5, 12));
        assertThat(restored.rangeOf(3_000, () -> 20)).isEqualTo(new ReplayRanges.Range(12, 20));
    }
}
