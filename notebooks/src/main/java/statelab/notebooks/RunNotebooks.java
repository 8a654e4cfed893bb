package statelab.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import statelab.core.LabException;

/**
 * Executes notebooks headless with the lab's Java kernel, through Jupyter's nbconvert, each cell with a time
 * limit: what the tests do, and how the stored notebooks get their outputs ({@code --in-place}). A notebook
 * with a failing cell fails; nbconvert's log (with the cell's error) is kept beside the executed copy.
 *
 * <p>Usage: see {@link #USAGE}; run it as {@code notebooks/run.sh [--in-place] [NOTEBOOK...]}.
 */
public final class RunNotebooks {

    public static final String USAGE = "Usage: RunNotebooks [--in-place] [--timeout SECONDS] [NOTEBOOK.ipynb...]\n"
            + "  Executes the notebooks (default: every numbered notebook in notebooks/) with the lab's Java kernel.\n"
            + "  --in-place         write the new outputs into the notebooks themselves\n"
            + "                     (default: executed copies in notebooks/target/executed/)\n"
            + "  --timeout SECONDS  limit per cell (default: " + RunNotebooks.DEFAULT_CELL_TIMEOUT_S + ")\n"
            + "  Run it as: notebooks/run.sh [--in-place] [NOTEBOOK...]";

    public static final int DEFAULT_CELL_TIMEOUT_S = 300;

    /** How one notebook's execution ended. */
    public record Result(Path notebook, Path executed, int exitCode, long seconds, Path log) {
        public boolean passed() {
            return exitCode == 0;
        }

        /** nbconvert's last lines: where a failing cell's error is. */
        public String logTail(int lines) throws IOException {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private RunNotebooks() {
    }

    /** nbconvert's command: Debian's (see setup-jupyter.sh), else the first on PATH. */
    static String nbconvertCommand() {
        Path debian = Path.of("/usr/bin/jupyter-nbconvert");
        return Files.isExecutable(debian) ? debian.toString() : "jupyter-nbconvert";
    }

    /** Whether nbconvert can run here; the tests fail, not skip, when it cannot. */
    public static boolean jupyterInstalled() {
        try {
            Process probe = new ProcessBuilder(nbconvertCommand(), "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Executes {@code notebook} with the kernelspec {@code java} found in {@code jupyterDataDir}.
     *
     * @param outputDir     where the executed copy goes; null to overwrite the notebook itself
     * @param logDir        where nbconvert's log goes ({@code NAME.log})
     * @param allowErrors   keep going after a failing cell (the failures are then in the outputs)
     */
    public static Result execute(Path notebook, Path outputDir, Path logDir, Path jupyterDataDir, int cellTimeoutS,
                                 boolean allowErrors) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        String name = notebook.getFileName().toString();
        Path log = logDir.resolve(name.replaceAll("\\.ipynb$", "") + ".log");
        List<String> command = new ArrayList<>(List.of(nbconvertCommand(), "--to", "notebook", "--execute",
                notebook.toAbsolutePath().toString(),
                "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME,
                "--ExecutePreprocessor.timeout=" + cellTimeoutS,
                // On a cell's timeout: interrupt it, then report the timeout as that cell's failure.
                "--ExecutePreprocessor.interrupt_on_timeout=True"));
        if (outputDir != null) {
            command.addAll(List.of("--output-dir", outputDir.toAbsolutePath().toString()));
        } else {
            command.add("--inplace");
        }
        if (allowErrors) {
            command.add("--allow-errors");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JUPYTER_DATA_DIR", jupyterDataDir.toAbsolutePath().toString());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LabException("Jupyter's nbconvert is not installed (" + e.getMessage()
                    + "): run notebooks/setup-jupyter.sh (or ./lab test) first");
        }
        int exit = process.waitFor();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        Path executed = outputDir != null ? outputDir.resolve(name) : notebook;
        return new Result(notebook, executed, exit, seconds, log);
    }

    /** The lab's notebooks: {@code NN-name.ipynb} in {@code dir}, in order. */
    public static List<Path> numberedNotebooks(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.+\\.ipynb")).sorted()
                    .collect(Collectors.toList());
        }
    }

    public static void main(String[] args) throws Exception {
        boolean inPlace = false;
        int timeoutS = DEFAULT_CELL_TIMEOUT_S;
        List<Path> notebooks = new ArrayList<>();
        Path module = KernelSpec.labHome().resolve("notebooks");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--in-place" -> inPlace = true;
                    case "--timeout" -> {
                        if (++i >= args.length) {
                            throw new IllegalArgumentException("--timeout needs a number of seconds");
                        }
                        timeoutS = Integer.parseInt(args[i]);
                        if (timeoutS < 1) {
                            throw new IllegalArgumentException("--timeout must be at least 1 second");
                        }
                    }
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                        }
                        Path notebook = Path.of(args[i]);
                        if (!Files.isRegularFile(notebook) || !args[i].endsWith(".ipynb")) {
                            throw new IllegalArgumentException("no notebook '" + args[i] + "'");
                        }
                        notebooks.add(notebook);
                    }
                }
            }
        } catch (NumberFormatException e) {
            System.err.println("error: --timeout must be a number of seconds\n" + USAGE);
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        if (notebooks.isEmpty()) {
            notebooks = numberedNotebooks(module);
        }
        if (!jupyterInstalled()) {
            System.err.println("error: Jupyter's nbconvert is not installed: run notebooks/setup-jupyter.sh");
            System.exit(1);
        }
        Path target = module.resolve("target");
        Path dataDir = target.resolve("jupyter");
        KernelSpec.install(dataDir, KernelSpec.buildClasspath(), KernelSpec.labHome().resolve(".statelab")
                .resolve("tmp"));
        Path executedDir = target.resolve("executed");
        int failed = 0;
        for (Path notebook : notebooks) {
            Result result = execute(notebook, inPlace ? null : executedDir, executedDir, dataDir, timeoutS, false);
            System.out.printf("%s: %s in %d s (%s)%n", notebook.getFileName(), result.passed() ? "ran" : "FAILED",
                    result.seconds(), result.passed() ? result.executed() : "log: " + result.log());
            if (!result.passed()) {
                failed++;
                System.out.println(result.logTail(25));
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
