package statelab.benchmarks.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.harness.measure.RunSettings;

/** The document's tables are generated into their marked sections; the profile's plan is valid as written. */
class DocTablesTest {

    @Test
    void eachMarkedSectionGetsItsTableAndTheProseStays() {
        String doc = "# Results\n\nProse before.\n\n<!-- table:sweep -->\nold table\n<!-- /table:sweep -->\n\n"
                + "Prose between.\n<!-- table:unknown -->\nkept\n<!-- /table:unknown -->\n"
                + "<!-- table:ratios -->\n<!-- /table:ratios -->\nProse after.\n";
        String filled = DocTables.fill(doc, Map.of("sweep", "| a |\n| --- |\n| 1 |\n", "ratios", "| r |\n"));
        assertThat(filled).isEqualTo("# Results\n\nProse before.\n\n<!-- table:sweep -->\n| a |\n| --- |\n| 1 |\n"
                + "<!-- /table:sweep -->\n\nProse between.\n<!-- table:unknown -->\nkept\n<!-- /table:unknown -->\n"
                + "<!-- table:ratios -->\n| r |\n<!-- /table:ratios -->\nProse after.\n");
        assertThat(DocTables.fill(filled, Map.of("sweep", "| a |\n| --- |\n| 1 |\n", "ratios", "| r |\n")))
                .isEqualTo(filled);
    }

    @Test
    void everyPointOfThePlanIsValidAndItsWindowsHoldACheckpointCycle() {
        List<RunSettings> sweep = ProfilePlan.sweep();
        assertThat(sweep).hasSize(ProfilePlan.SWEEP_VARIANTS.size() * ProfilePlan.SWEEP_KEYS.size());
        for (RunSettings point : sweep) {
            point.validate();
            assertThat(point.windows()).isEqualTo(3);
            assertThat(point.windowMs()).isGreaterThanOrEqualTo(point.checkpointEveryBatches() * point.batchMs());
            assertThat(point.walkKeys()).isEqualTo(ProfilePlan.SWEEP_KEYS);
            assertThat(point.steps() != null).isEqualTo(ProfilePlan.STAIRCASE_FROM.containsKey(point.keys()));
        }
        ProfilePlan.ceiling().forEach(RunSettings::validate);
        ProfilePlan.fresh().forEach(p -> assertThat(p.alone()).isTrue());
        ProfilePlan.baselineRound(1).forEach(RunSettings::validate);
        ProfilePlan.sources().forEach(RunSettings::validate);
        TenMillionKeys.trials(List.of()).forEach(t -> t.settings().validate());
    }
}
