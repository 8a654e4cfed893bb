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
import statelab.harness.results.RunFiles;
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
        // The lab turns RocksDB's row counting off (SparkSettings.ROCKSDB_DEFAULTS); the second set turns it on.
        Path sets = Files.writeString(dir.resolve("sets.txt"), """
                # name, then KEY=VALUE pairs
                lab
                counted  %s=true
                """.formatted(ROW_TRACKING));
        Path out = dir.resolve("sweep");
        StringWriter err = new StringWriter();
        int code = SearchCommandTest.lab(err, "sweep", "--variants", "structured-rocksdb", "--keys", "2000", "--rate",
                "10k", "--batch", "500ms", "--warmup", "1s", "--measure", "7500ms", "--conf-sets", sets.toString(),
                "--profile", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();

        SweepSummary sweep = SweepSummary.read(out);
        assertThat(sweep.runs()).extracting(RunSummary::label)
                .containsExactly("structured-rocksdb+lab", "structured-rocksdb+counted");
        RunSummary lab = sweep.runs().get(0);
        RunSummary counted = sweep.runs().get(1);
        assertThat(lab.sparkConf()).isEmpty();
        assertThat(counted.sparkConf()).isEqualTo(Map.of(ROW_TRACKING, "true"));
        assertThat(sweep.runs()).allSatisfy(run -> assertThat(run.countsVerified()).isTrue());
        // Counting rows, RocksDB reads each key before writing it, to know whether the state grew: two gets per
        // updated row instead of one (the store's own figures in progress.csv). Each set reached Spark in its JVM.
        assertThat(getsPerUpdatedRow(out, lab)).as("the lab's settings").isNotEmpty().containsOnly(1.0);
        assertThat(getsPerUpdatedRow(out, counted)).as("--conf %s=true", ROW_TRACKING).isNotEmpty()
                .containsOnly(2.0);
        // Counted, the state's keys are RocksDB's rows; uncounted, the store reports none and the batches record
        // the keys sent (the ledger's): 2,000 either way once the fill is in (a counted batch once reported 4,000).
        assertThat(measuredStateKeys(out, counted)).contains(2_000L).allMatch(keys -> keys >= 2_000L);
        assertThat(measuredStateKeys(out, lab)).containsOnly(2_000L);

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
        assertThat(Report.write(out)).content().contains("structured-rocksdb+counted")
                .contains("Where the time goes", "Inside the micro-batches")
                .contains(String.format("%,d CPU samples", ProfileSummary.readCsv(SweepSummary.runDirectory(out,
                        counted)).samples()));
    }

    /** Each measured batch's RocksDB gets per state row updated, from progress.csv (batches that updated rows). */
    private static java.util.List<Double> getsPerUpdatedRow(Path sweepDir, RunSummary run) throws Exception {
        java.util.List<String> lines = Files.readAllLines(SweepSummary.runDirectory(sweepDir, run)
                .resolve(RunFiles.PROGRESS_CSV));
        java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
        int phase = header.indexOf("phase");
        int gets = header.indexOf("state.rocksdbGetCount");
        int updated = header.indexOf("state.numRowsUpdated");
        return lines.stream().skip(1).map(line -> line.split(","))
                .filter(row -> row[phase].equals("measure") && Long.parseLong(row[updated]) > 0)
                .map(row -> Long.parseLong(row[gets]) / (double) Long.parseLong(row[updated])).toList();
    }

    private static java.util.List<Long> measuredStateKeys(Path sweepDir, RunSummary run) throws Exception {
        return BatchesCsv.read(SweepSummary.runDirectory(sweepDir, run).resolve("batches.csv")).stream()
                .filter(r -> r.phase().equals("measure")).map(BatchesCsv.Row::stateKeys).toList();
    }
}
