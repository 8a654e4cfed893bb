package statelab.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates notebook cells with the JDK's JShell, in this JVM. A cell may hold any number of snippets
 * (statements, declarations, imports, expressions); they run in order, the first failure ends the cell, and
 * the value of a cell ending in an expression without a semicolon is returned, like the last line of a Python
 * cell ({@code total + 1} shows its value, {@code list.add(x);} does not).
 *
 * <p>Failures: code that does not compile throws {@link CompilationException} (JShell's diagnostics, pointing
 * into the cell); code that throws gives back the real exception (its class, message, causes, and the stack
 * trimmed to the cell's own frames); an {@link Error} arrives inside a {@link SnippetError}; a cell stopped by
 * {@link #interrupt()} throws {@link InterruptedException}. After any of them the next cell runs as usual.
 */
public final class Cells implements AutoCloseable {

    /** What the {@code jshell} tool imports by default, so notebooks read like plain Java. */
    private static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
            "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
            "java.util.stream.*");

    private final SnippetExecution.Provider engine = new SnippetExecution.Provider();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private volatile boolean interrupted;

    public Cells() {
        shell = JShell.builder().executionEngine(engine, Map.of()).build();
        analysis = shell.sourceCodeAnalysis();
        // Snippets compile against the kernel's own classpath: the lab's modules and Spark.
        shell.addToClasspath(System.getProperty("java.class.path"));
        for (String name : DEFAULT_IMPORTS) {
            shell.eval("import " + name + ";");
        }
    }

    /**
     * Runs every snippet of {@code cell} in order.
     *
     * @return the value of the last snippet if it is an expression without a semicolon (as JShell prints it),
     *         else null
     */
    public String eval(String cell) throws Exception {
        interrupted = false;
        String value = null;
        String rest = cell;
        int offset = 0;
        while (true) {
            // An import snippet that starts with a newline (an import below a cell's first line) makes the local
            // engine declare earlier cells' variables anew, so they read as null afterwards: strip it first.
            String stripped = rest.stripLeading();
            offset += rest.length() - stripped.length();
            rest = stripped;
            if (rest.isEmpty()) {
                return value;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return value; // only comments left
            }
            if (!info.completeness().isComplete()) {
                throw new CompilationException("the cell ends in the middle of a statement (a missing ';', ')' or '}'?)"
                        + location(cell, offset + rest.stripTrailing().length()));
            }
            String source = info.source();
            value = run(source, cell, offset);
            if (source.stripTrailing().endsWith(";")) {
                value = null; // written with its semicolon: a statement, shown only by what it prints
            }
            if (interrupted) {
                // JShell reports a stopped snippet as if it had ended normally.
                InterruptedException stopped = new InterruptedException("the cell was interrupted" + location(cell,
                        offset));
                stopped.setStackTrace(new StackTraceElement[0]); // the kernel's frames would say nothing
                throw stopped;
            }
            int consumed = rest.length() - info.remaining().length();
            offset += consumed;
            rest = info.remaining();
        }
    }

    /** Runs one snippet; returns its value when it is an expression worth showing. */
    private String run(String source, String cell, int offset) throws Exception {
        String value = null;
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated by this one, not this one's own result
            }
            Snippet snippet = event.snippet();
            switch (event.status()) {
                case REJECTED -> throw new CompilationException(diagnostics(snippet, cell, offset));
                case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> throw new CompilationException(
                        unresolved((DeclarationSnippet) snippet) + location(cell, offset));
                default -> {
                }
            }
            if (event.exception() != null) {
                throw failure(event.exception());
            }
            if (shows(snippet) && event.value() != null) {
                value = event.value();
            }
        }
        return value;
    }

    /** Expressions show their value (like IPython); declarations, assignments and statements show nothing. */
    private static boolean shows(Snippet snippet) {
        if (snippet instanceof VarSnippet) {
            return snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        }
        return snippet instanceof ExpressionSnippet && snippet.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND;
    }

    /** The exception the snippet really threw, its stack cut below the cell's own frames. */
    private Exception failure(JShellException reported) {
        if (reported instanceof UnresolvedReferenceException unresolved) {
            return new CompilationException(unresolved(unresolved.getSnippet()));
        }
        SnippetExecution execution = engine.current();
        Throwable thrown = execution == null ? null : execution.takeLastThrown();
        if (thrown == null) {
            // Not kept (should not happen on this engine): JShell's own report names the class as text.
            String name = reported instanceof EvalException e ? e.getExceptionClassName() : reported.getClass()
                    .getName();
            return new RuntimeException(name + (reported.getMessage() == null ? "" : ": " + reported.getMessage()));
        }
        thrown.setStackTrace(cellFrames(thrown.getStackTrace()));
        if (thrown instanceof Exception e) {
            return e;
        }
        return new SnippetError((Error) thrown);
    }

    /** Frames down to the last one in the cell's code (JShell's classes are named REPL.$JShell$N...). */
    private static StackTraceElement[] cellFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith("REPL.")) {
                last = i;
            }
        }
        if (last < 0) {
            return frames;
        }
        StackTraceElement[] kept = new StackTraceElement[last + 1];
        System.arraycopy(frames, 0, kept, 0, last + 1);
        return kept;
    }

    private String diagnostics(Snippet snippet, String cell, int offset) {
        List<String> messages = new ArrayList<>();
        for (Diag diag : shell.diagnostics(snippet).collect(Collectors.toList())) {
            if (diag.isError()) {
                messages.add(diag.getMessage(Locale.ROOT) + location(cell, offset + (int) Math.max(0, diag
                        .getPosition())));
            }
        }
        return messages.isEmpty() ? "the snippet was rejected" + location(cell, offset) : String.join("\n", messages);
    }

    private String unresolved(DeclarationSnippet snippet) {
        List<String> missing = shell.unresolvedDependencies(snippet).collect(Collectors.toList());
        return snippet.name() + " refers to what is not declared: " + String.join(", ", missing);
    }

    /** "\n at line N:", the line, and a caret under the position. */
    static String location(String cell, int position) {
        int at = Math.min(Math.max(position, 0), cell.length());
        int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = cell.indexOf('\n', at);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        int line = 1 + (int) cell.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String text = cell.substring(lineStart, lineEnd);
        return "\n at line " + line + ":\n    " + text + "\n    " + " ".repeat(at - lineStart) + "^";
    }

    /**
     * Whether {@code code} is a whole cell: {@code complete}, {@code incomplete} (more lines expected, for example
     * an open brace) or {@code invalid}.
     */
    public String completeness(String code) {
        String rest = code;
        while (true) {
            rest = rest.stripLeading();
            if (rest.isEmpty()) {
                return "complete";
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY -> {
                    return "complete";
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                case UNKNOWN -> {
                    return "invalid";
                }
                default -> rest = info.remaining();
            }
        }
    }

    /** Stops the running cell and every thread it started (JShell's stop, callable from any thread). */
    public void interrupt() {
        interrupted = true;
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }
}
