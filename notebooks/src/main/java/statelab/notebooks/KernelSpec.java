package statelab.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.core.CheckpointDirs;
import statelab.core.LabException;
import statelab.harness.launch.ChildJvm;

/**
 * Installs the lab's Java kernel as the Jupyter kernelspec {@code java}: a {@code kernel.json} whose argv starts
 * this JDK's {@code java} with the JVM flags Spark needs on Java 17 (core's {@code statelab/jvm-flags.txt}, the
 * one list), quiet logging (core's {@code log4j2.properties}), the build's classpath and {@link JavaKernel}.
 * The installing is Jupyter's own {@code jupyter kernelspec install}.
 *
 * <p>Usage: see {@link #USAGE}; {@code notebooks/install-kernel.sh} builds the lab and runs it with {@code --user}.
 */
public final class KernelSpec {

    public static final String NAME = "java";
    public static final String DISPLAY_NAME = "Java (statelab: JShell, Spark and the lab)";
    public static final String USAGE = "Usage: KernelSpec (--user | --data-dir DIR) [--scratch DIR]\n"
            + "  Installs the lab's Java kernel as Jupyter kernelspec 'java'.\n"
            + "  --user          into your Jupyter data directory (what `jupyter kernelspec list` shows)\n"
            + "  --data-dir DIR  into DIR/kernels/java (a private JUPYTER_DATA_DIR, as the tests use)\n"
            + "  --scratch DIR   where the kernel's Spark scratch files go (default: <lab>/.statelab/tmp)\n"
            + "  Run it as: notebooks/install-kernel.sh";

    /** Debian's jupyter runs Debian's python3, which has the modules; another python3 on PATH may not. */
    static final Path DEBIAN_JUPYTER = Path.of("/usr/bin/jupyter");

    /** Heap for the kernel's JVM: Spark in local mode runs inside it. */
    static final String KERNEL_MEMORY = "-Xmx2g";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KernelSpec() {
    }

    /** The jupyter command: Debian's when installed, else the first on PATH. */
    public static String jupyterCommand() {
        return Files.isExecutable(DEBIAN_JUPYTER) ? DEBIAN_JUPYTER.toString() : "jupyter";
    }

    /** The kernel's classpath in this build: this module's classes, then its runtime dependencies. */
    public static String buildClasspath() {
        Path code = codeLocation();
        Path file = code.getParent().resolve("kernel.classpath");
        if (!Files.isRegularFile(file)) {
            throw new LabException(file + " is missing: build the notebooks module with Maven first "
                    + "(notebooks/install-kernel.sh does)");
        }
        try {
            return code + File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lab's root directory: the parent of the notebooks module. */
    public static Path labHome() {
        // .../notebooks/target/classes (or the module's jar in target/)
        return codeLocation().getParent().getParent().getParent();
    }

    private static Path codeLocation() {
        try {
            return Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contents of kernel.json. */
    public static Map<String, Object> kernelJson(String classpath, Path scratch) {
        // The kernel manages its own scratch directory (statelab.scratch), so no java.io.tmpdir of the launch's.
        List<String> argv = ChildJvm.of(JavaKernel.class.getName()).defaultScratch().classpath(classpath)
                .jvmOptions(List.of(KERNEL_MEMORY, "-Djava.net.preferIPv4Stack=true",
                        "-Djava.awt.headless=true", // charts are drawn off screen
                        // Warnings only: otherwise Spark's log lines land under every cell.
                        "-Dlog4j2.configurationFile=log4j2.properties",
                        "-Dstatelab.home=" + labHome(), "-Dstatelab.scratch=" + scratch.toAbsolutePath()))
                .args(List.of("{connection_file}")).command();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        // An interrupt is a message the kernel handles; a signal (the default) would end the JVM.
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
        return spec;
    }

    /**
     * Installs the kernelspec through {@code jupyter kernelspec install}.
     *
     * @param dataDir a private Jupyter data directory, or null for the user's
     * @return what jupyter printed
     */
    public static String install(Path dataDir, String classpath, Path scratch) throws IOException,
            InterruptedException {
        Path staging = Files.createTempDirectory("statelab-kernelspec-");
        try {
            Path dir = staging.resolve(NAME);
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("kernel.json").toFile(), kernelJson(classpath, scratch));
            List<String> command = List.of(jupyterCommand(), "kernelspec", "install", "--user", "--name", NAME,
                    dir.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (dataDir != null) {
                builder.environment().put("JUPYTER_DATA_DIR", dataDir.toAbsolutePath().toString());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new LabException("Jupyter is not installed (" + e.getMessage()
                        + "): run notebooks/setup-jupyter.sh (or ./lab test) first");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new LabException("jupyter kernelspec install failed: " + output);
            }
            return output;
        } finally {
            CheckpointDirs.deleteRecursively(staging);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        boolean user = false;
        Path scratch = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--user" -> user = true;
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--scratch" -> scratch = Path.of(value(args, ++i, "--scratch"));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (user == (dataDir != null)) {
                throw new IllegalArgumentException("give exactly one of --user and --data-dir");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            Path scratchDir = scratch != null ? scratch : labHome().resolve(".statelab").resolve("tmp");
            System.out.println(install(dataDir, buildClasspath(), scratchDir));
        } catch (LabException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
