package statelab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison with the ledger catches every kind of wrong count. */
class ExperimentVerificationTest {

    private static final Experiment.Settings SETTINGS = Experiment.Settings.of("update-state", 3, 100, 1000, 0, 5000);

    @Test
    void equalCountsVerify() {
        assertThat(Experiment.verify(true, Map.of("a", 2L, "b", 1L), Map.of("a", 2L, "b", 1L), List.of(), SETTINGS))
                .isNull();
    }

    @Test
    void aWrongCountIsNamed() {
        assertThat(Experiment.verify(true, Map.of("a", 3L, "b", 1L), Map.of("a", 2L, "b", 1L), List.of(), SETTINGS))
                .contains("1 words differ").contains("a (sent 2, counted 3)");
    }

    @Test
    void aMissingOrExtraWordIsNamed() {
        assertThat(Experiment.verify(true, Map.of("a", 2L), Map.of("a", 2L, "b", 1L), List.of(), SETTINGS))
                .contains("b (sent 1, counted null)");
        assertThat(Experiment.verify(true, Map.of("a", 2L, "z", 1L), Map.of("a", 2L), List.of(), SETTINGS))
                .contains("z (never sent)");
    }

    @Test
    void notCatchingUpIsReportedAsSuch() {
        assertThat(Experiment.verify(false, Map.of("a", 1L), Map.of("a", 2L, "b", 1L), List.of(), SETTINGS))
                .startsWith("no batch completed for").contains("counted 1 of 2 words");
    }
}
