package statelab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadGenCommandTest {

    @TempDir
    Path dir;

    /** Exit code and captured output of one run. */
    private record Run(int exitCode, String out, String err) {
        String firstErrLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    /** As the lab's command line would: picocli's own handlers. */
    private static Run run(String... args) {
        return run(new CommandLine(new LoadGenCommand()), args);
    }

    private static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Bad input: exit code 2, and run alone (one-line handler) exactly one line naming the problem. */
    private static void assertBadInput(String expectedMessagePart, String... args) {
        Run run = run(args);
        assertThat(run.exitCode()).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(run.firstErrLine()).contains(expectedMessagePart);
        Run alone = run(LoadGenCommand.commandLine(), args);
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err().lines()).singleElement().asString().startsWith("loadgen: ")
                .contains(expectedMessagePart);
    }

    @Test
    void unknownFlagsAndMissingPort() {
        assertBadInput("Unknown option: '--bogus'", "--port", "0", "--bogus");
        assertBadInput("Missing required option: '--port=P'");
    }

    @Test
    void badRates() {
        assertBadInput("--rate must be a positive number of lines per second, got 0", "--port", "0", "--rate", "0");
        assertBadInput("--rate must be a positive number of lines per second, got -5", "--port", "0", "--rate", "-5");
        assertBadInput("'abc'", "--port", "0", "--rate", "abc");
        assertBadInput("--rate must be a positive number", "--port", "0", "--rate", "NaN");
    }

    @Test
    void badShapes() {
        assertBadInput("--words-per-line must be at least 1, got 0", "--port", "0", "--words-per-line", "0");
        assertBadInput("--keys must be at least 1, got 0", "--port", "0", "--keys", "0");
        assertBadInput("'lots' is not a count", "--port", "0", "--keys", "lots");
        assertBadInput("--key-growth must be zero or a positive", "--port", "0", "--key-growth", "-1");
        assertBadInput("distribution 'normal' is not uniform or zipf:S", "--port", "0", "--dist", "normal");
        assertBadInput("zipf exponent must be a positive number", "--port", "0", "--dist", "zipf:0");
        assertBadInput("'10x' is not a duration", "--port", "0", "--duration", "10x");
        assertBadInput("--duration must be positive", "--port", "0", "--duration", "0");
        assertBadInput("port must be between 0 and 65535", "--port", "70000");
    }

    @Test
    void badKeySteps() {
        assertBadInput("--key-steps must increase, got 100000 then 10000", "--port", "0", "--key-steps", "10k,100k,10k",
                "--step-every", "30s");
        assertBadInput("--key-steps needs --step-every", "--port", "0", "--key-steps", "10k,100k");
        assertBadInput("--key-steps needs at least two key counts, got 1", "--port", "0", "--key-steps", "10k",
                "--step-every", "30s");
        assertBadInput("--key-steps names the starting keys itself: leave out --keys", "--port", "0", "--keys", "5",
                "--key-steps", "10k,100k", "--step-every", "30s");
        assertBadInput("--key-steps does not apply to a script", "--port", "0", "--script", "chapter",
                "--key-steps", "10k,100k", "--step-every", "30s");
        assertBadInput("--step-every needs --key-steps", "--port", "0", "--step-every", "30s");
        assertBadInput("each key count must be between 1 and", "--port", "0", "--key-steps", "0,10",
                "--step-every", "30s");
    }

    @Test
    void badScripts() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1 a\n2 b\n-1 c\n");
        assertBadInput("bad.txt:3: time '-1' must be a non-negative number of seconds",
                "--port", "0", "--script", bad.toString());
        Path missing = dir.resolve("missing.txt");
        assertBadInput("script file " + missing + " does not exist", "--port", "0", "--script", missing.toString());
        assertBadInput("fill applies to the random workload", "--port", "0", "--script", "chapter", "--fill");
    }

    @Test
    void busyPort() {
        try (LoadGenerator busy = LoadGenerator.start(LoadGenConfig.builder().build())) {
            assertBadInput("port " + busy.port() + " on 127.0.0.1 is already in use",
                    "--port", String.valueOf(busy.port()));
        }
    }

    @Test
    void unwritableLedgerFile() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path ledger = notADirectory.resolve("ledger.json");
        assertBadInput("cannot write the ledger to " + ledger, "--port", "0", "--ledger-out", ledger.toString());
        assertBadInput("it is a directory", "--port", "0", "--ledger-out", dir.toString());
    }

    @Test
    void helpWorks() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port", "--rate", "--keys", "--dist", "--script", "--ledger-out");
    }

    @Test
    void servesUntilStoppedThenWritesTheLedger() throws Exception {
        Path ledgerFile = dir.resolve("out/ledger.json");
        LoadGenCommand command = new LoadGenCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        // One line, so the ledger holds exactly it however long the stop takes (the chapter's second line would
        // follow a second later on a slow machine).
        Path script = Files.writeString(dir.resolve("one-line.txt"), "1 blue*5 green*3\n");
        Thread main = new Thread(() -> exitCode.set(cli.execute("--port", "0", "--script", script.toString(),
                "--ledger-out", ledgerFile.toString())));
        main.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (command.running() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        LoadGenerator generator = command.running();
        assertThat(generator).isNotNull();
        try (TestClient client = TestClient.keepingLines(generator.port())) {
            assertThat(client.awaitLines(1, 60_000)).isTrue();
        }
        assertThat(out.toString()).startsWith("loadgen: serving 127.0.0.1:" + generator.port() + ", control http://")
                .contains("script one-line.txt (1 lines over 1s)");
        command.stop();
        main.join(60_000);
        assertThat(exitCode.get()).isZero();
        LedgerSnapshot ledger = LedgerSnapshot.readJson(ledgerFile);
        assertThat(ledger.totalLines()).isEqualTo(1);
        assertThat(ledger.counts()).containsEntry("blue", 5L).containsEntry("green", 3L).hasSize(2);
        assertThat(out.toString()).contains("wrote the ledger to " + ledgerFile);
        assertThat(generator.awaitClients(1, Duration.ZERO)).isTrue();
    }
}
