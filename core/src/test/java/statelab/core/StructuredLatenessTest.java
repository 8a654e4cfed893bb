package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A micro-batch's scheduling delay: how late it started after the trigger it was due at. */
class StructuredLatenessTest {

    @Test
    void onTimeBatchesHaveNone() {
        assertThat(StructuredMetricsListener.lateness(-1, -1, 1_000, 300)).isZero();
        // Previous batch 900..1,000 ms; the next trigger is 1,200 ms; started 1,200: on time.
        assertThat(StructuredMetricsListener.lateness(900, 1_000, 1_200, 300)).isZero();
    }

    @Test
    void aBatchThatStartsAfterALongOneIsLateByTheOverrun() {
        // Previous batch started 900 and took 700 ms: the next was due at 1,200 and started at 1,600.
        assertThat(StructuredMetricsListener.lateness(900, 1_600, 1_600, 300)).isEqualTo(400);
    }

    @Test
    void aBoundaryInTheMillisecondsAfterAReportedEndIsNoIdleOne() {
        // Previous batch started 900, its trigger's execution reported to end at 1,797; the engine's next trigger
        // started 1,803, after the boundary 1,800: it was still finishing the batch there, not idle. Due at 1,200.
        assertThat(StructuredMetricsListener.lateness(900, 1_797, 1_803, 300)).isEqualTo(603);
    }

    @Test
    void anIdleEngineIsDueAtTheLastBoundaryItWasIdleAt() {
        // Previous batch 900..950, no data until 2,150: the boundary 2,100 came with the engine idle.
        assertThat(StructuredMetricsListener.lateness(900, 950, 2_150, 300)).isEqualTo(50);
    }
}
