package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import statelab.harness.measure.RunSettings;

/** Every bad input gets one clear line on stderr and exit code 2, before anything is started or deleted. */
class LabCommandLineTest {

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result lab(String... args) {
        CommandLine cli = Lab.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertBadInput(Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Lab.EXIT_BAD_INPUT);
        assertThat(result.err().lines().findFirst().orElse("")).startsWith("error: ").contains(message);
    }

    @Test
    void helpListsEveryCommand() {
        Result result = lab("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("demo", "loadgen", "run", "bench", "sweep", "report", "variants");
    }

    @Test
    void unknownVariant() {
        assertBadInput(lab("run", "nope", "--port", "9999"), "unknown variant 'nope' (known: map-with-state");
        assertBadInput(lab("bench", "nope", "--keys", "10", "--rate", "100"), "unknown variant 'nope'");
    }

    @Test
    void badNumbers() {
        assertBadInput(lab("run", "stateless", "--port", "abc"), "'abc'");
        assertBadInput(lab("run", "stateless", "--port", "70000"), "port must be 1..65535");
        assertBadInput(lab("run", "stateless", "--port", "9999", "--batch", "0s"), "batch interval must be positive");
        assertBadInput(lab("bench", "update-state", "--keys", "0", "--rate", "100k"), "keys must be positive");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "-5"), "--rate");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--measure", "12s"),
                "each of the 3 windows of 12000 ms measured is 4000 ms, shorter than 5 batches of 1000 ms");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k,x", "--rate", "1000",
                "--out", tmp.toString()), "'x'");
    }

    @Test
    void badWindowsAndWalks() {
        assertBadInput(lab("bench", "map-with-state", "--keys", "10k", "--rate", "10k", "--windows", "2"),
                "a point is measured as at least 3 windows (its figure is the median of their medians, with their "
                        + "spread), got 2");
        assertBadInput(lab("bench", "map-with-state", "--keys", "10k", "--rate", "10k", "--measure", "18s"),
                "each of the 3 windows of 18000 ms measured is 6000 ms, shorter than one state checkpoint cycle "
                        + "(10 batches of 1000 ms)");
        assertBadInput(lab("bench", "map-with-state", "--keys", "100k,10k", "--rate", "10k"),
                "a walk's key counts must increase, got 100000 then 10000");
        assertBadInput(lab("bench", "map-with-state", "--keys", "10k,10k", "--rate", "10k"),
                "a walk's key counts must increase, got 10000 then 10000");
        assertBadInput(lab("bench", "map-with-state", "--keys", "10k,1M", "--rate", "10k", "--staircase", "5k=20k"),
                "--staircase 5k=20k: 5000 keys is not one of --keys [10000, 1000000]");
        assertBadInput(lab("sweep", "--variants", "map-with-state", "--keys", "10k,1G", "--rate", "10k", "--heap",
                "2g", "--out", tmp.resolve("big").toString()), "1,000,000,000 keys of map-with-state need about");
        assertBadInput(lab("sweep", "--variants", "map-with-state", "--keys", "10k", "--rate", "10k", "--heap",
                "lots", "--out", tmp.resolve("big").toString()),
                        "--heap must be a size such as 512m or 8g, got 'lots'");
        assertBadInput(lab("sweep", "--variants", "map-with-state,map-with-state", "--keys", "10k", "--rate",
                "10k", "--out", tmp.resolve("twice").toString()), "--variants names map-with-state twice");
        assertBadInput(lab("sweep", "--variants", "map-with-state", "--keys", "10k,10k", "--rate", "10k", "--out",
                tmp.resolve("twice").toString()), "--keys names 10000 twice");
        assertThat(tmp.resolve("big")).doesNotExist();
    }

    @Test
    void aBadStaircase() {
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--staircase", "50k"),
                "--staircase (50000 words/s) must be above the measured rate (100000 words/s)");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--staircase", "200k",
                "--staircase-factor", "1"), "--staircase-factor must be greater than 1, got 1.0");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--staircase", "200k",
                "--staircase-steps", "0"), "--staircase-steps must be at least 1, got 0");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--staircase", "200k",
                "--staircase-precision", "0.5"), "--staircase-precision must be greater than 1, got 0.5");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--staircase", "200k",
                "--staircase-max", "150k"), "--staircase-max (150000) is below --staircase (200000)");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k", "--rate", "100k", "--staircase",
                "200k", "--step-measure", "2s", "--out", tmp.toString()),
                        "--step-measure 2000 ms is shorter than 5 batches");
        assertBadInput(lab("search", "update-state", "--keys", "10k", "--from", "100k", "--staircase", "200k",
                "--step-settle", "-1s", "--out", tmp.toString()), "'-1s'");
    }

    @Test
    void aBadIntervalSearch() throws Exception {
        Path out = tmp.resolve("interval");
        assertBadInput(lab("interval", "map-with-state", "--keys", "10k", "--rate", "30k", "--intervals",
                "250ms,500ms", "--out", out.toString()), "the intervals must go from the longest down");
        assertBadInput(lab("interval", "map-with-state", "--keys", "10k", "--rate", "30k", "--intervals",
                "500ms,soon", "--out", out.toString()), "'soon'");
        assertBadInput(lab("interval", "nope", "--keys", "10k", "--rate", "30k", "--intervals", "500ms", "--out",
                out.toString()), "unknown variant 'nope'");
        // Each probe's windows must hold the checkpoint cycle at every interval tried: refused before any run.
        assertBadInput(lab("interval", "map-with-state", "--keys", "10k", "--rate", "30k", "--intervals",
                "1s,500ms", "--measure", "6s", "--out", out.toString()), "shorter than");
        assertThat(out).doesNotExist();
        // A directory holding other results is refused and kept as it was.
        Path sweep = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(sweep.resolve("summary.json"), "{\"format\" : \"statelab-search/2\"}");
        assertBadInput(lab("interval", "map-with-state", "--keys", "10k", "--rate", "30k", "--intervals", "500ms",
                "--measure", "30s", "--out", sweep.toString()), "holds results that are not an interval search");
        assertThat(Files.readString(sweep.resolve("summary.json"))).isEqualTo("{\"format\" : \"statelab-search/2\"}");
    }

    @Test
    void unknownFlag() {
        Result result = lab("run", "stateless", "--port", "9999", "--colour", "blue");
        assertThat(result.exitCode()).isEqualTo(Lab.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("Unknown options: '--colour'").contains("Try 'lab run --help'");
    }

    @Test
    void anOptionOfAnotherVariant() {
        assertBadInput(lab("run", "update-state", "--port", "9999", "--state-store", "rocksdb"),
                "--state-store does not apply to update-state");
        assertBadInput(lab("run", "structured-arbitrary", "--port", "9999", "--output-mode", "complete"),
                "--output-mode does not apply to structured-arbitrary");
    }

    @Test
    void anUnknownOptionValueIsRefusedBeforeAnythingStarts() {
        assertBadInput(lab("run", "structured-arbitrary", "--port", "9999", "--state-store", "leveldb"),
                "state store must be hdfs or rocksdb, got 'leveldb'");
        assertBadInput(lab("run", "structured", "--port", "9999", "--state-store", "leveldb"),
                "state store must be hdfs or rocksdb, got 'leveldb'");
        assertBadInput(lab("run", "structured-arbitrary", "--port", "9999", "--idle-timeout", "-5s"), "'-5s'");
        assertBadInput(lab("run", "structured-arbitrary", "--port", "9999", "--source", "kafka"),
                "source must be replay or socket, got 'kafka'");
    }

    @Test
    void aForeignCheckpointDirectoryIsRefusedAndKept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("thesis.tex"), "precious");
        assertBadInput(lab("run", "update-state", "--port", "9999", "--checkpoint", dir.toString()),
                "not written by statelab");
        assertThat(dir.resolve("thesis.tex")).hasContent("precious");
    }

    @Test
    void anUnwritableCheckpointOrOutput() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertBadInput(lab("run", "update-state", "--port", "9999", "--checkpoint", file.resolve("cp").toString()),
                "cannot be created");
        assertBadInput(lab("run", "stateless", "--port", "9999", "--counts-out", file.resolve("c.tsv").toString()),
                "cannot write");
        assertBadInput(lab("bench", "update-state", "--keys", "10", "--rate", "1000", "--measure", "30s",
                "--out", file.resolve("out").toString()), "cannot create output directory");
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result result = lab("loadgen", "--port", Integer.toString(busy.getLocalPort()), "--script", "chapter");
            assertThat(result.exitCode()).isEqualTo(Lab.EXIT_BAD_INPUT);
            assertThat(result.err()).contains("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void aMalformedScript() throws Exception {
        Path script = Files.writeString(tmp.resolve("bad.txt"), "1 blue\n0.5 green\n");
        Result result = lab("loadgen", "--port", "0", "--script", script.toString());
        assertThat(result.exitCode()).isEqualTo(Lab.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("bad.txt:2:");
    }

    @Test
    void aResultsDirectoryOfAnotherFormatIsRefusedAndKept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old-sweep"));
        Files.writeString(dir.resolve("summary.json"), "{\"format\":\"statelab-sweep/0\",\"runs\":[]}");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10", "--rate", "1000", "--measure", "30s",
                "--out", dir.toString()), "has format 'statelab-sweep/0'");
        assertBadInput(lab("report", dir.toString()), "has format 'statelab-sweep/0'");
        assertThat(dir.resolve("summary.json")).content().contains("statelab-sweep/0");
    }

    @Test
    void aBadSourceOrIdleStop() {
        assertBadInput(lab("run", "structured", "--port", "9999", "--source", "kafka"),
                "source must be replay or socket, got 'kafka'");
        assertBadInput(lab("run", "bare-socket-nope", "--port", "9999", "--source", "replay"),
                "unknown variant 'bare-socket-nope'");
        assertBadInput(lab("bench", "structured", "--keys", "10", "--rate", "1000", "--source", "replay,socket"),
                "source must be replay or socket, got 'replay,socket'");
        assertBadInput(lab("run", "stateless", "--port", "9999", "--idle-stop", "-1s"), "'-1s'");
    }

    @Test
    void noLoadGeneratorToReplayFrom() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = gone.getLocalPort();
        }
        assertBadInput(lab("run", "structured", "--port", Integer.toString(port)),
                "cannot reach the load generator at 127.0.0.1:" + port);
    }

    @Test
    void aCheckpointOfTheOtherSourceIsRefusedAndKept() throws Exception {
        Path dir = tmp.resolve("socket-checkpoint");
        // What a run of structured --source socket leaves: its marker names the source.
        statelab.core.CheckpointDirs.prepare(dir, "structured",
                java.util.Map.of("batchMs", "1000", "partitions", "2", "source", "socket"), false);
        Files.writeString(dir.resolve("offsets"), "state");
        assertBadInput(lab("run", "structured", "--port", "9999", "--checkpoint", dir.toString()),
                "source was socket, now replay");
        assertBadInput(lab("run", "structured", "--port", "9999", "--checkpoint", dir.toString(), "--source", "replay"),
                "use another directory, or --fresh to start over (nothing was deleted)");
        assertThat(dir.resolve("offsets")).hasContent("state");
    }

    @Test
    void badRecoveryInput() throws Exception {
        String out = tmp.resolve("recovery").toString();
        assertBadInput(lab("recovery", "--variants", "stateless", "--keys", "1k", "--rate", "10k", "--out", out),
                "stateless keeps no state to recover");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "5", "--out", out),
                "rate must be at least one line");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "10k",
                "--before-kill", "2s", "--out", out), "--before-kill must be at least 5 batches");
        assertBadInput(lab("recovery", "--variants", "structured", "--keys", "1k", "--rate", "10k", "--source", "tcp",
                "--out", out), "source must be replay or socket, got 'tcp'");
        Path sweep = Files.createDirectories(tmp.resolve("a-sweep"));
        Files.writeString(sweep.resolve("summary.json"), "{\"format\":\"statelab-sweep/2\",\"runs\":[]}");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "10k",
                "--out", sweep.toString()), "has format 'statelab-sweep/2', expected statelab-recovery/2");
        assertThat(sweep.resolve("summary.json")).content().contains("statelab-sweep/2");
    }

    @Test
    void submitWithoutItsCommandOrJar() {
        Result result = lab("submit", "--master", "local[2]");
        assertThat(result.exitCode()).isEqualTo(Lab.EXIT_BAD_INPUT);
        assertThat(result.err()).contains("Missing required parameter: 'LAB_COMMAND'");
        assertBadInput(lab("submit", "--app-jar", tmp.resolve("none.jar").toString(), "run", "update-state",
                "--port", "9999"), "application jar " + tmp.resolve("none.jar") + " does not exist");
    }

    @Test
    void aReportOfADirectoryWithoutResults() {
        assertBadInput(lab("report", tmp.toString()), "holds no summary.json");
    }

    @Test
    void badRunOptionsAreRefusedBeforeAnythingStarts() {
        assertBadInput(lab("run", "update-state", "--port", "9999", "--partitions", "0"),
                "partitions must be at least 1, got 0");
        assertBadInput(lab("run", "update-state", "--port", "9999", "--checkpoint-every", "0"),
                "checkpoint interval must be at least 1 batch, got 0");
        assertBadInput(lab("run", "update-state", "--port", "9999", "--fresh"),
                "--fresh starts over on a checkpoint directory: give it with --checkpoint DIR");
        assertBadInput(lab("run", "map-with-state", "--port", "9999", "--idle-timeout", "-5s"), "'-5s'");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--warmup", "-1s"),
                "'-1s'");
        assertBadInput(lab("bench", "update-state", "--keys", "10k", "--rate", "100k", "--words-per-line", "0"),
                "words per line must be positive, got 0");
    }

    @Test
    void emptyOrDuplicateListsAndABadHeap() {
        String out = tmp.resolve("sweep").toString();
        assertBadInput(lab("sweep", "--variants", "update-state,update-state", "--keys", "10k", "--rate", "100k",
                "--out", out), "--variants names update-state twice");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k,10k", "--rate", "100k",
                "--out", out), "--keys names 10000 twice");
        assertBadInput(lab("sweep", "--variants", "", "--keys", "10k", "--rate", "100k", "--out", out),
                "--variants has an empty value");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k", "--rate", "100k",
                "--source", "replay,replay", "--out", out), "--source names replay twice");
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k", "--rate", "100k", "--heap", "lots",
                "--out", out), "--heap must be a size such as 512m or 8g, got 'lots'");
        assertBadInput(lab("search", "update-state", "--keys", "10k", "--heap", "-1g", "--out", out),
                "--heap must be a size");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k,1k", "--rate", "10k",
                "--out", out), "--keys names 1000 twice");
        assertThat(tmp.resolve("sweep")).doesNotExist();
    }

    @Test
    void searchReusingWhatIsNotASweep() throws Exception {
        String out = tmp.resolve("search").toString();
        assertBadInput(lab("search", "update-state", "--keys", "10k", "--reuse", tmp.resolve("none").toString(),
                "--out", out), "--reuse " + tmp.resolve("none") + " is not a directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertBadInput(lab("search", "update-state", "--keys", "10k", "--reuse", empty.toString(), "--out", out),
                "holds no sweep (no summary.json of format statelab-sweep/2)");
        assertThat(tmp.resolve("search")).doesNotExist();
    }

    @Test
    void badRecoveryKeysAndFaults() {
        String out = tmp.resolve("recovery").toString();
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "0", "--rate", "10k", "--out", out),
                "keys must be positive, got 0");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "10k", "--kill",
                "master", "--out", out), "--kill must be driver, executor or worker, got 'master'");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "10k", "--kill",
                "driver,driver", "--out", out), "--kill names driver twice");
        assertBadInput(lab("recovery", "--variants", "update-state", "--keys", "1k", "--rate", "10k",
                "--checkpoint-every", "0", "--out", out), "--checkpoint-every must be at least 1 batch, got 0");
        assertThat(tmp.resolve("recovery")).doesNotExist();
    }

    @Test
    void aFillWithNoTimeIsRefusedAndAChildJvmIsToldTheLongestFill() {
        String out = tmp.resolve("sweep").toString();
        assertBadInput(lab("sweep", "--variants", "update-state", "--keys", "10k,150k", "--rate", "10k",
                "--max-fill", "0s", "--out", out), "the longest fill must be positive, got 0 ms");
        assertThat(tmp.resolve("sweep")).doesNotExist();

        RunSettings settings = RunSettings.builder("update-state").keys(150_000).maxFillMs(5_000).build();
        assertThat(LabJvms.benchArguments(settings)).containsSubsequence("--max-fill", "5000ms");
    }

    @Test
    void aBadSparkSettingIsRefusedBeforeAnythingStarts() throws Exception {
        String rocksCache = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";
        assertBadInput(lab("run", "structured", "--port", "9999", "--conf", "blockCacheSizeMB"),
                "--conf takes KEY=VALUE");
        assertBadInput(lab("run", "structured", "--port", "9999", "--conf", "=1"), "--conf takes KEY=VALUE");
        assertBadInput(lab("run", "structured", "--port", "9999", "--conf", "rocksdb.blockCacheSizeMB=64"),
                "not a Spark setting (its key must start with spark.)");
        assertBadInput(lab("run", "structured", "--port", "9999", "--conf",
                "spark.sql.streaming.stateStore.providerClass=org.example.Store"), "use --state-store hdfs|rocksdb");
        assertBadInput(lab("run", "structured", "--port", "9999", "--conf", "spark.driver.host=0.0.0.0"),
                "the lab keeps the driver on 127.0.0.1");
        assertBadInput(lab("run", "map-with-state", "--port", "9999", "--conf", rocksCache + "=64"),
                "does not apply to map-with-state: it keeps its state in RDDs");
        String out = tmp.resolve("sweep").toString();
        assertBadInput(lab("sweep", "--variants", "structured-rocksdb,update-state", "--keys", "10k", "--rate", "10k",
                "--conf", rocksCache + "=64", "--out", out), "does not apply to update-state");
        assertBadInput(lab("bench", "structured", "--keys", "10k", "--rate", "10k", "--conf",
                "spark.sql.shuffle.partitions=8", "--out", out), "use --partitions");
        assertBadInput(lab("recovery", "--variants", "structured", "--keys", "1k", "--rate", "10k", "--conf",
                "spark.master=local[8]", "--out", out), "use --master");
        Path sets = Files.writeString(tmp.resolve("sets.txt"), "small " + rocksCache + "=64\nsmall " + rocksCache
                + "=128\n");
        assertBadInput(lab("sweep", "--variants", "structured-rocksdb", "--keys", "10k", "--rate", "10k",
                "--conf-sets", sets.toString(), "--out", out), "sets.txt:2: the set 'small' is named twice");
        assertBadInput(lab("sweep", "--variants", "structured-rocksdb", "--keys", "10k", "--rate", "10k",
                "--conf-sets", tmp.resolve("none.txt").toString(), "--out", out), "cannot read --conf-sets");
        Files.writeString(sets, "fine\nrows " + rocksCache.replace("blockCacheSizeMB", "x") + "=1\n");
        assertBadInput(lab("sweep", "--variants", "structured,map-with-state", "--keys", "10k", "--rate", "10k",
                "--conf-sets", sets.toString(), "--out", out), "does not apply to map-with-state");
        assertThat(tmp.resolve("sweep")).doesNotExist();

        RunSettings settings = RunSettings.builder("structured-rocksdb").keys(10_000)
                .sparkConf(java.util.Map.of(rocksCache, "64")).build();
        assertThat(LabJvms.benchArguments(settings)).containsSubsequence("--conf", rocksCache + "=64");
        assertThat(LabJvms.benchArguments(settings.toBuilder().settingsName("small").build()))
                .containsSubsequence("--settings-name", "small");
    }

    @Test
    void aProfileWhereFlightRecorderCannotRecordIsRefusedBeforeAnythingStarts() throws Exception {
        Path out = tmp.resolve("bench");
        Path log = tmp.resolve("bench.log");
        Process bench = statelab.harness.launch.ChildJvm.of(Lab.class.getName())
                .jvmOptions(java.util.List.of("-XX:-FlightRecorder"))
                .args(java.util.List.of("bench", "map-with-state", "--keys", "1k", "--rate", "10k", "--profile",
                        "--out", out.toString())).log(log).start();
        assertThat(bench.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(bench.exitValue()).as(Files.readString(log)).isEqualTo(Lab.EXIT_BAD_INPUT);
        assertThat(Files.readString(log)).contains("error: --profile: Java Flight Recorder cannot record in this JVM");
        assertThat(out).doesNotExist();
    }

    @Test
    void aRestartWithOtherStateStoreSettingsIsRefusedNamingTheSetting() throws Exception {
        String cache = "spark.sql.streaming.stateStore.rocksdb.blockCacheSizeMB";
        Path dir = tmp.resolve("rocksdb-checkpoint");
        // What a run of structured-rocksdb with --conf CACHE=64 leaves: its marker holds the store's setting.
        statelab.core.RunSpec first = statelab.core.RunSpec.builder("structured-rocksdb").sparkConf(cache, "64")
                .build();
        statelab.core.CheckpointDirs.prepare(dir, "structured-rocksdb",
                first.stateShapingSettings(statelab.core.Source.REPLAY), false);
        Files.writeString(dir.resolve("offsets"), "state");
        assertBadInput(lab("run", "structured-rocksdb", "--port", "9999", "--checkpoint", dir.toString(),
                "--conf", cache + "=128"), cache + " was 64, now 128");
        assertBadInput(lab("run", "structured-rocksdb", "--port", "9999", "--checkpoint", dir.toString()),
                cache + " was 64, now (none)");
        assertThat(dir.resolve("offsets")).hasContent("state");
    }

    @Test
    void aReportOfAFileOrOfADirectoryItCannotWriteInto() throws Exception {
        Path file = Files.writeString(tmp.resolve("summary.json"), "{}");
        assertBadInput(lab("report", file.toString()), "is a file, not a results directory");
        assertBadInput(lab("report", tmp.resolve("none").toString()), "does not exist: it is not a results directory");
        // No one can create a file in /proc, not even root (for whom a directory's permissions do not count).
        assertBadInput(lab("report", "/proc"), "cannot write the report into /proc: not writable");
    }

    @Test
    void clusterStatusAndStopWhenNoneRuns() {
        String home = System.getProperty("statelab.home");
        System.setProperty("statelab.home", tmp.toString());
        try {
            Result status = lab("cluster", "status");
            assertThat(status.exitCode()).as("status of no cluster: a check that failed").isEqualTo(Lab.EXIT_FAILED);
            assertThat(status.out()).contains("cluster: not running");
            Result stop = lab("cluster", "stop");
            assertThat(stop.exitCode()).as("stopping no cluster: nothing to do").isZero();
            assertThat(stop.out()).contains("cluster: not running");
        } finally {
            if (home == null) {
                System.clearProperty("statelab.home");
            } else {
                System.setProperty("statelab.home", home);
            }
        }
    }

    @Test
    void aRunThatFailedExitsOneNotTwo() {
        CommandLine cli = Lab.commandLine();
        cli.addSubcommand("failing", new CommandLine(new Failing()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("failing")).isEqualTo(Lab.EXIT_FAILED);
        assertThat(err.toString()).startsWith("error: 1 of 2 runs failed (see run.log in their directories)");
    }

    /** A command whose runs failed, as a sweep with failed runs reports it. */
    @picocli.CommandLine.Command(name = "failing")
    static final class Failing implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new statelab.harness.measure.RunFailedException("1 of 2 runs failed (see run.log in their "
                    + "directories)");
        }
    }
}
