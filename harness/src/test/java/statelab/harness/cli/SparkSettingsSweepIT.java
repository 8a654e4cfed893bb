package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.report.Report;
import statelab.harness.results.BatchesCsv;
import statelab.harness.results.ProfileSummary;
import statelab.harness.results.RunSummary;
import statelab.harness.results.SweepSummary;

/**
 * {@code lab sweep --conf-sets FILE --profile}, each walk in a JVM of its own as a user runs it: every set of Spark
 * settings is a series of its own, reaches Spark in the run's JVM, is recorded with the run, and each run's
 * measured windows are profiled.
 */
class SparkSettingsSweepIT {

    private static final String ROW_TRACKING = "spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows";

    @TempDir
    Path dir;

    @Test
    void eachSetOfSettingsIsASeriesOfItsOwnReachesSparkAndIsRecorded() throws Exception {
        // The lab turns RocksDB's row tracking on (else the store reports 0 rows); the second set turns it off.
        Path sets = Files.writeString(dir.resolve("sets.txt"), """
                # name, then KEY=VALUE pairs
                counted
                uncounted  %s=false
                """.formatted(ROW_TRACKING));
        Path out = dir.resolve("sweep");
        StringWriter err = new StringWriter();
        int code = SearchCommandTest.lab(err, "sweep", "--variants", "structured-rocksdb", "--keys", "2000", "--rate",
                "10k", "--batch", "500ms", "--warmup", "1s", "--measure", "7500ms", "--conf-sets", sets.toString(),
                "--profile", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();

        SweepSummary sweep = SweepSummary.read(out);
        assertThat(sweep.runs()).extracting(RunSummary::label)
                .containsExactly("structured-rocksdb+counted", "structured-rocksdb+uncounted");
        RunSummary counted = sweep.runs().get(0);
        RunSummary uncounted = sweep.runs().get(1);
        assertThat(counted.sparkConf()).isEmpty();
        assertThat(uncounted.sparkConf()).isEqualTo(Map.of(ROW_TRACKING, "false"));
        assertThat(sweep.runs()).allSatisfy(run -> assertThat(run.countsVerified()).isTrue());
        // Counted, RocksDB's rows are the 2,000 keys (one run's batch reported 4,000: its count is not exact).
        assertThat(measuredStateKeys(out, counted)).contains(2_000L).allMatch(keys -> keys >= 2_000L);
        assertThat(measuredStateKeys(out, uncounted)).as("the setting reached Spark in the run's JVM")
                .containsOnly(0L);

        for (RunSummary run : sweep.runs()) {
            Path runDir = SweepSummary.runDirectory(out, run);
            assertThat(run.profiled()).isTrue();
            assertThat(runDir.resolve(ProfileSummary.RECORDING)).isNotEmptyFile();
            ProfileSummary profile = ProfileSummary.readCsv(runDir);
            assertThat(profile.samples()).isGreaterThan(50);
            assertThat(profile.packages()).extracting(ProfileSummary.Entry::name)
                    .anyMatch(p -> p.startsWith("org.apache.spark") || p.startsWith("org.rocksdb"))
                    .noneMatch(p -> p.startsWith("statelab.loadgen"));
        }
        assertThat(Report.write(out)).content().contains("structured-rocksdb+uncounted")
                .contains("Where the time goes")
                .contains(String.format("%,d CPU samples", ProfileSummary.readCsv(SweepSummary.runDirectory(out,
                        uncounted)).samples()));
    }

    private static java.util.List<Long> measuredStateKeys(Path sweepDir, RunSummary run) throws Exception {
        return BatchesCsv.read(SweepSummary.runDirectory(sweepDir, run).resolve("batches.csv")).stream()
                .filter(r -> r.phase().equals("measure")).map(BatchesCsv.Row::stateKeys).toList();
    }
}
