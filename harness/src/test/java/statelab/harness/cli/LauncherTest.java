package statelab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ./lab launcher's own commands reject bad input before building anything. */
class LauncherTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private record Result(int exitCode, String err) {
    }

    private static Result launcher(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("lab").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), err);
    }

    @Test
    void anUnknownExerciseIsRefused() throws Exception {
        Result result = launcher("exercise", "99");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: no classroom lab '99'").contains("usage: ./lab exercise N");
    }

    @Test
    void anExerciseNumberThatIsNotANumberIsRefused() throws Exception {
        assertThat(launcher("exercise", "one").exitCode()).isEqualTo(2);
        assertThat(launcher("exercise").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownExerciseOptionIsRefused() throws Exception {
        Result result = launcher("exercise", "1", "--bogus");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: unknown option '--bogus'");
    }

    @Test
    void anExerciseWithExtraArgumentsIsRefused() throws Exception {
        Result result = launcher("exercise", "1", "--solution", "now");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: unexpected argument 'now'").contains("usage: ./lab exercise N");
        assertThat(launcher("exercise", "1", "--solution", "--solution").exitCode()).isEqualTo(2);
    }
}
