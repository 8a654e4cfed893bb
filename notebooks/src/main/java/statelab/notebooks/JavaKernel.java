package statelab.notebooks;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import statelab.core.CheckpointDirs;
import statelab.core.LabException;

/**
 * The lab's Java kernel for Jupyter: the wire protocol is jupyter-jvm-basekernel's, the evaluation the JDK's
 * JShell ({@link Cells}), in this JVM, whose classpath holds the lab's modules and Spark. Jupyter starts it from
 * the kernelspec that {@link KernelSpec} installs (with the JVM flags Spark needs on Java 17).
 *
 * <p>Cells print to stdout/stderr as streams, end in an expression to show its value, call {@link Show} for
 * images, HTML and tables. A failing cell is an error naming the real exception; the kernel keeps serving.
 * Interrupt stops the running cell. A cell's output is cut after {@link #MAX_OUTPUT_BYTES}, with a note.
 *
 * <p>Usage: see {@link #USAGE}; Jupyter runs it, people install it with {@code notebooks/install-kernel.sh}.
 */
public final class JavaKernel extends BaseKernel {

    public static final String USAGE = "Usage: JavaKernel <connection-file>\n"
            + "  The lab's Java kernel; Jupyter starts it with a connection file. Install it with:\n"
            + "  notebooks/install-kernel.sh   (then: jupyter kernelspec list shows 'java')";

    /** Output a cell may produce (stdout, stderr and its value together). */
    public static final long MAX_OUTPUT_BYTES = 1 << 20;

    private static final long FLUSH_MS = 100;
    private static final int MAX_TRACE_LINES = 40;
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "statelab-kernel-output");
        thread.setDaemon(true);
        return thread;
    });

    private final Cells cells = new Cells();
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("java")
            .version(System.getProperty("java.version"))
            .mimetype("text/x-java")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build();

    public JavaKernel() {
        Show.displayTo(this::display);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "statelab Java kernel: Java " + System.getProperty("java.version") + " (JShell) with Spark and the lab";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        OutputLimit limit = new OutputLimit(MAX_OUTPUT_BYTES);
        PrintStream cellOut = buffered(limit.wrap(getIO().out));
        PrintStream cellErr = buffered(limit.wrap(getIO().err));
        PrintStream kernelOut = System.out;
        PrintStream kernelErr = System.err;
        System.setOut(cellOut);
        System.setErr(cellErr);
        // Output goes out every FLUSH_MS rather than line by line: few messages, still live.
        ScheduledFuture<?> flushing = FLUSHER.scheduleWithFixedDelay(() -> {
            cellOut.flush();
            cellErr.flush();
        }, FLUSH_MS, FLUSH_MS, TimeUnit.MILLISECONDS);
        try {
            String value = cells.eval(code);
            return value == null ? null : new DisplayData(limit.cut(value));
        } finally {
            flushing.cancel(false);
            cellOut.flush();
            cellErr.flush();
            System.setOut(kernelOut);
            System.setErr(kernelErr);
            String note = limit.note();
            if (note != null) {
                getIO().err.println(note);
                getIO().err.flush();
            }
        }
    }

    private static PrintStream buffered(OutputStream out) {
        return new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
    }

    @Override
    public String isComplete(String code) {
        return switch (cells.completeness(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        cells.interrupt();
    }

    /** Plain text (no terminal colours, so stored notebooks read well anywhere): the exception, then its stack. */
    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof CompilationException) {
            lines.add("Compilation error:");
            lines.addAll(List.of(e.getMessage().split("\n")));
            return lines;
        }
        StringWriter trace = new StringWriter();
        Throwable shown = e instanceof SnippetError ? e.getCause() : e;
        shown.printStackTrace(new PrintWriter(trace));
        String[] all = trace.toString().split("\n");
        // A stack overflow's thousand identical frames say no more than the first few.
        int shownLines = all.length > MAX_TRACE_LINES + 10 ? MAX_TRACE_LINES : all.length;
        lines.addAll(List.of(all).subList(0, shownLines));
        if (shownLines < all.length) {
            lines.add("\t... " + (all.length - shownLines) + " more lines");
        }
        return lines;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        cells.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String connection;
        try {
            connection = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("error: cannot read the connection file " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        useOwnScratchDirectory();
        // Logging starts now, while System.err is still the kernel's own: Spark's warnings then go to the
        // kernel's log (Jupyter's terminal), not into whichever cell happens to run.
        org.slf4j.LoggerFactory.getLogger(JavaKernel.class).debug("statelab kernel starting");
        JupyterConnection jupyter;
        try {
            jupyter = new JupyterConnection(KernelConnectionProperties.parse(connection));
        } catch (Exception | Error e) {
            System.err.println("error: " + args[0] + " is not a Jupyter connection file (" + e + ")");
            System.exit(2);
            return;
        }
        JavaKernel kernel = new JavaKernel();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        // Spark and the cells may leave non-daemon threads behind.
        System.exit(0);
    }

    /**
     * Spark's scratch files (and the notebooks' temporary results) go to {@code <statelab.scratch>/<pid>}, named
     * like ./lab's so that ./lab removes it once this JVM is gone; removed on exit too.
     */
    private static void useOwnScratchDirectory() {
        String base = System.getProperty("statelab.scratch");
        if (base == null) {
            return;
        }
        Path dir = Path.of(base, Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            System.err.println("warning: cannot create " + dir + " (" + e.getMessage() + "); using "
                    + System.getProperty("java.io.tmpdir"));
            return;
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Spark's threads may still be writing while the JVM exits: try again briefly before giving up.
            for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
                try {
                    CheckpointDirs.deleteRecursively(dir);
                } catch (LabException e) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        return; // a leftover is removed by the next ./lab
                    }
                }
            }
        }, "statelab-kernel-scratch"));
    }
}
