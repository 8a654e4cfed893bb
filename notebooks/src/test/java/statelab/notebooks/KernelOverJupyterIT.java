package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel as Jupyter drives it (nbconvert over the wire protocol): streams, values, rich output, and every
 * kind of bad cell (compile error, exception, endless loop, megabytes of output), after each of which the
 * kernel serves the next cell.
 */
class KernelOverJupyterIT {

    private static final Path CHECKS = Path.of("src/test/resources/kernel-checks");
    /** Short, so the endless cell is interrupted soon; every other cell takes well under a second. */
    private static final int CELL_TIMEOUT_S = 10;

    @Test
    void everyKindOfCellAndTheKernelKeepsServing() throws Exception {
        RunNotebooks.Result result = RunNotebooks.execute(CHECKS.resolve("kernel-checks.ipynb"),
                TestJupyter.EXECUTED, TestJupyter.EXECUTED, TestJupyter.dataDir(), CELL_TIMEOUT_S, true);
        assertThat(result.exitCode()).as(result.logTail(30)).isZero();
        TestJupyter.Executed nb = TestJupyter.Executed.read(result.executed());

        assertThat(nb.outputs(0)).as("declarations and an import show nothing").isEmpty();

        List<JsonNode> streams = nb.outputs(1, "stream");
        assertThat(streams).extracting(s -> s.path("name").asText()).containsExactlyInAnyOrder("stdout", "stderr");
        assertThat(nb.text(1)).contains("to stdout", "to stderr");
        assertThat(nb.outputs(1, "execute_result")).singleElement()
                .satisfies(r -> assertThat(TestJupyter.Executed.joined(r.path("data").path("text/plain")))
                .isEqualTo("42"));

        JsonNode compile = nb.outputs(2, "error").get(0);
        assertThat(compile.path("ename").asText()).isEqualTo("CompilationException");
        assertThat(compile.path("evalue").asText()).contains("cannot find symbol", "missing", "at line 1");

        JsonNode npe = nb.outputs(3, "error").get(0);
        assertThat(npe.path("ename").asText()).isEqualTo("NullPointerException");
        assertThat(TestJupyter.Executed.joined(npe.path("traceback"))).contains("java.lang.NullPointerException");

        assertThat(nb.outputs(4, "error")).as("the endless loop, stopped at its timeout").singleElement()
                .satisfies(e -> assertThat(e.path("ename").asText()).isEqualTo("InterruptedException"));

        String big = nb.text(5);
        assertThat(big).startsWith("line 0 ").contains("[output truncated: ")
                .contains("a cell shows at most 1,048,576 bytes");
        assertThat(big.length()).isBetween(1_000_000, 1_100_000);

        assertThat(nb.outputs(6, "display_data")).singleElement()
                .satisfies(d -> assertThat(TestJupyter.Executed.joined(d.path("data").path("text/html")))
                .isEqualTo("<b>bold</b>"));
        assertThat(nb.outputs(7, "display_data")).singleElement()
                .satisfies(d -> assertThat(d.path("data").path("image/png").asText()).startsWith("iVBORw0KGgo"));
        assertThat(nb.outputs(8, "display_data")).singleElement().satisfies(d -> {
            assertThat(TestJupyter.Executed.joined(d.path("data").path("text/html")))
                    .contains("<td>blue</td><td>5</td>");
            assertThat(TestJupyter.Executed.joined(d.path("data").path("text/plain"))).contains("green  3");
        });

        assertThat(nb.text(9)).as("the same kernel, its variables intact").isEqualTo("\"kept 42\"");
    }

    @Test
    void aFailingCellFailsTheNotebook() throws Exception {
        Path out = TestJupyter.EXECUTED.resolve("failing");
        RunNotebooks.Result result = RunNotebooks.execute(CHECKS.resolve("failing-cell.ipynb"), out, out,
                TestJupyter.dataDir(), CELL_TIMEOUT_S, false);
        assertThat(result.exitCode()).isNotZero();
        assertThat(Files.readString(result.log())).contains("ArithmeticException", "/ by zero");
        assertThat(out.resolve("failing-cell.ipynb")).as("nothing written for a failed notebook").doesNotExist();
    }
}
