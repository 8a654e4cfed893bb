package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lab search}: every bad input gets one line and exit code 2, and nothing is written. */
class SearchCommandTest {

    @TempDir
    Path dir;

    static int lab(StringWriter err, String... args) {
        CommandLine cli = Lab.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void badInputGetsOneLineAndExitCode2() {
        String out = dir.resolve("s").toString();
        Map<List<String>, String> cases = Map.of(
                List.of("search", "nope", "--keys", "10k", "--out", out), "unknown variant 'nope'",
                List.of("search", "update-state", "--out", out), "--keys",
                List.of("search", "update-state", "--keys", "10k"), "--out",
                List.of("search", "update-state", "--keys", "10k", "--from", "5k", "--min", "10k", "--out", out),
                "--from (5000) must lie between",
                List.of("search", "update-state", "--keys", "10k", "--factor", "1", "--out", out),
                "--factor must be greater than 1",
                List.of("search", "update-state", "--keys", "10k", "--precision", "0.5", "--out", out), "--precision",
                List.of("search", "update-state", "--keys", "10k", "--probes", "0", "--out", out),
                "--probes must be at least 1",
                List.of("search", "update-state", "--keys", "10k", "--min", "2M", "--max", "1M", "--out", out),
                "--max (1000000) is below --min",
                List.of("search", "update-state", "--keys", "10k", "--rate", "5k", "--out", out), "--rate");
        cases.forEach((args, message) -> {
            StringWriter err = new StringWriter();
            int code = lab(err, args.toArray(String[]::new));
            assertThat(code).as(args + ": " + err).isEqualTo(Lab.EXIT_BAD_INPUT);
            assertThat(err.toString().lines().findFirst().orElse("")).as(args.toString()).startsWith("error: ")
                    .contains(message);
        });
        assertThat(dir.resolve("s")).doesNotExist();
    }
}
