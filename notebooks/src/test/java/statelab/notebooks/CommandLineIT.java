package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.harness.launch.ChildJvm;

/** Bad input to the module's commands: one clear line on stderr and exit code 2, nothing done. */
class CommandLineIT {

    @TempDir
    Path tmp;

    private record Exit(int code, String stderr) {
    }

    private static Exit run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exit(process.waitFor(), err);
    }

    private static Exit java(Class<?> main, String... args) throws IOException, InterruptedException {
        Process process = ChildJvm.of(main.getName()).classpath(KernelSpec.buildClasspath()).args(List.of(args))
                .start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Exit(process.waitFor(), err);
    }

    @Test
    void kernelSpecRejectsBadOptions() throws Exception {
        Exit unknown = java(KernelSpec.class, "--system");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("error: unknown option '--system'").contains("Usage: KernelSpec");
        Exit neither = java(KernelSpec.class);
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.stderr()).startsWith("error: give exactly one of --user and --data-dir");
        Exit both = java(KernelSpec.class, "--user", "--data-dir", tmp.toString());
        assertThat(both.code()).isEqualTo(2);
        Exit noValue = java(KernelSpec.class, "--data-dir");
        assertThat(noValue.code()).isEqualTo(2);
        assertThat(noValue.stderr()).startsWith("error: --data-dir needs a value");
        try (var files = Files.list(tmp)) {
            assertThat(files).as("nothing installed").isEmpty();
        }
    }

    @Test
    void runNotebooksRejectsBadArguments() throws Exception {
        Exit unknown = java(RunNotebooks.class, "--inplace");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("error: unknown option '--inplace'");
        Exit timeout = java(RunNotebooks.class, "--timeout", "soon");
        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.stderr()).startsWith("error: --timeout must be a number of seconds");
        Exit zero = java(RunNotebooks.class, "--timeout", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.stderr()).startsWith("error: --timeout must be at least 1 second");
        Exit missing = java(RunNotebooks.class, tmp.resolve("99-none.ipynb").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("error: no notebook '");
    }

    @Test
    void theKernelRejectsAMissingOrMalformedConnectionFile() throws Exception {
        Exit none = java(JavaKernel.class);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("Usage: JavaKernel <connection-file>");
        Exit missing = java(JavaKernel.class, tmp.resolve("kernel-1.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("error: cannot read the connection file");
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "this is not json");
        Exit malformed = java(JavaKernel.class, garbage.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.stderr()).startsWith("error: " + garbage + " is not a Jupyter connection file");
    }

    @Test
    void installKernelTakesNoArguments() throws Exception {
        Exit extra = run(List.of("bash", Path.of("install-kernel.sh").toAbsolutePath().toString(), "--user"));
        assertThat(extra.code()).isEqualTo(2);
        assertThat(extra.stderr()).startsWith("usage: notebooks/install-kernel.sh");
    }
}
