package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;

/** The comparison with the ledger catches every kind of wrong count. */
class VerificationTest {

    private static final long TIMEOUT_MS = 60_000;

    @Test
    void equalCountsVerify() {
        assertThat(Verification.totals(true, Map.of("a", 2L, "b", 1L), Map.of("a", 2L, "b", 1L), List.of(),
                TIMEOUT_MS)).isNull();
    }

    @Test
    void aWrongCountIsNamed() {
        assertThat(Verification.totals(true, Map.of("a", 3L, "b", 1L), Map.of("a", 2L, "b", 1L), List.of(),
                TIMEOUT_MS)).isEqualTo("1 words differ from the ledger, e.g. a (sent 2, counted 3)");
    }

    @Test
    void aMissingOrExtraWordIsNamed() {
        assertThat(Verification.totals(true, Map.of("a", 2L), Map.of("a", 2L, "b", 1L), List.of(), TIMEOUT_MS))
                .contains("b (sent 1, counted null)");
        assertThat(Verification.totals(true, Map.of("a", 2L, "z", 1L), Map.of("a", 2L), List.of(), TIMEOUT_MS))
                .contains("z (never sent)");
    }

    @Test
    void notCatchingUpIsReportedAsSuch() {
        assertThat(Verification.totals(false, Map.of("a", 1L), Map.of("a", 2L, "b", 1L), List.of(), TIMEOUT_MS))
                .isEqualTo("no batch completed for 60 s before the final counts were in (last scheduling delay -1 ms);"
                        + " counted 1 of 2 words");
    }

    private static BatchMetrics batch(long lines) {
        return new BatchMetrics(0, lines, lines * 10, 0, 100, 100, 0, -1, false);
    }

    @Test
    void everyLineProcessedOnceVerifiesAStatelessRun() {
        assertThat(Verification.lines(true, 300, List.of(batch(100), batch(200), batch(0)))).isNull();
    }

    @Test
    void aLineMissingOrProcessedTwiceIsCaught() {
        assertThat(Verification.lines(true, 300, List.of(batch(100), batch(199))))
                .isEqualTo("processed 299 lines, the ledger says 300 were sent");
        assertThat(Verification.lines(true, 300, List.of(batch(100), batch(200), batch(100))))
                .isEqualTo("processed 400 lines, the ledger says 300 were sent");
        assertThat(Verification.lines(false, 300, List.of(batch(100))))
                .isEqualTo("gave up waiting: processed 100 lines, the ledger says 300 were sent");
    }
}
