package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's evaluation, without Jupyter: what a cell returns, how it fails, and that the next cell runs. */
class CellsTest {

    private static Cells cells;

    @BeforeAll
    static void start() {
        cells = new Cells();
    }

    @AfterAll
    static void stop() {
        cells.close();
    }

    @Test
    void aCellRunsEverySnippetAndShowsTheLastExpression() throws Exception {
        assertThat(cells.eval("int a = 20;\nint b = 22;\na + b")).isEqualTo("42");
        assertThat(cells.eval("int c = a * b;")).as("a declaration shows nothing").isNull();
        assertThat(cells.eval("c = 7;")).as("an assignment shows nothing").isNull();
        assertThat(cells.eval("c")).isEqualTo("7");
        assertThat(cells.eval("// only a comment")).isNull();
        assertThat(cells.eval("List.of(1, 2).size()")).as("java.util is imported").isEqualTo("2");
        assertThat(cells.eval("List.of(1, 2).size();")).as("a semicolon makes it a statement").isNull();
    }

    @Test
    void theLabsClassesAreOnTheClasspath() throws Exception {
        assertThat(cells.eval("import statelab.core.Tokenizer;\nTokenizer.class.getSimpleName()"))
                .isEqualTo("\"Tokenizer\"");
    }

    @Test
    void variablesSurviveAnImportBelowACellsFirstLine() throws Exception {
        // An import snippet that starts with a newline makes JShell's local engine declare the earlier cells'
        // variables anew (as null) unless the kernel strips the newline first.
        cells.eval("String kept = \"yes\";\nint x = 41;");
        cells.eval("int y = 1;\nimport java.time.*;\nString t = \"w\";");
        assertThat(cells.eval("kept + x + t")).isEqualTo("\"yes41w\"");
    }

    @Test
    void aCompileErrorNamesTheProblemAndTheLine() throws Exception {
        assertThatThrownBy(() -> cells.eval("int ok = 1;\nint bad = missing + 1;"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("cannot find symbol")
                .hasMessageContaining("variable missing")
                .hasMessageContaining("at line 2:")
                .hasMessageContaining("int bad = missing + 1;");
        assertThat(cells.eval("ok")).as("the snippets before the error ran").isEqualTo("1");
    }

    @Test
    void aMethodUsingWhatIsNotDeclaredIsACompileError() {
        assertThatThrownBy(() -> cells.eval("void f() { notDeclaredYet(); }"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("notDeclaredYet");
    }

    @Test
    void anUnfinishedCellIsACompileError() {
        assertThatThrownBy(() -> cells.eval("for (int i = 0; i < 3; i++) {"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("ends in the middle of a statement");
    }

    @Test
    void aRuntimeFailureIsTheRealExceptionWithTheCellsFrames() throws Exception {
        Throwable thrown = null;
        try {
            cells.eval("int zero = 0;\nint q = 1 / zero;");
        } catch (Exception e) {
            thrown = e;
        }
        assertThat(thrown).isInstanceOf(ArithmeticException.class).hasMessage("/ by zero");
        assertThat(thrown.getStackTrace()).isNotEmpty();
        assertThat(thrown.getStackTrace()[thrown.getStackTrace().length - 1].getClassName()).startsWith("REPL.");
        assertThatThrownBy(() -> cells
                .eval("throw new IllegalStateException(\"mine\", new java.io.IOException(\"why\"));"))
                .isInstanceOf(IllegalStateException.class).hasMessage("mine")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(cells.eval("1 + 1")).as("the next cell runs").isEqualTo("2");
    }

    @Test
    void anErrorArrivesInsideASnippetError() throws Exception {
        assertThatThrownBy(() -> cells.eval("int down(int n) { return down(n + 1) + 1; }\ndown(0)"))
                .isInstanceOf(SnippetError.class)
                .hasMessageContaining("java.lang.StackOverflowError")
                .hasCauseInstanceOf(StackOverflowError.class);
        assertThat(cells.eval("3 * 3")).isEqualTo("9");
    }

    @Test
    void anInterruptStopsAnEndlessCellAndTheNextCellRuns() throws Exception {
        CompletableFuture<Throwable> endless = CompletableFuture.supplyAsync(() -> {
            try {
                cells.eval("long spins = 0;\nwhile (true) { spins++; }");
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(1500);
        assertThat(endless).isNotDone();
        cells.interrupt();
        assertThat(endless.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
                .hasMessageContaining("interrupted");
        assertThat(cells.eval("spins > 0")).isEqualTo("true");
    }

    @Test
    void completenessForJupytersConsole() {
        assertThat(cells.completeness("int x = 1;\nx + 1")).isEqualTo("complete");
        assertThat(cells.completeness("for (int i = 0; i < 3; i++) {")).isEqualTo("incomplete");
        assertThat(cells.completeness("")).isEqualTo("complete");
    }
}
